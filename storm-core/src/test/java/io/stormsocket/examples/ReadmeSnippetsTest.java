package io.stormsocket.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README honest: every code block the README marks with {@code <!-- snippet:NAME -->}
 * must equal the region {@code // README:NAME ... // END} of a test source that compiles and runs.
 */
class ReadmeSnippetsTest {
    private static final Pattern REGION = Pattern.compile("// README:(\\S+)\\n(.*?)\\n[ \\t]*// END", Pattern.DOTALL);
    private static final Pattern SNIPPET = Pattern.compile("<!-- snippet:(\\S+) -->\\s*```java\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void everyReadmeSnippetMatchesCompiledCode() throws IOException {
        Path root = repositoryRoot();
        Map<String, String> regions = new LinkedHashMap<>();
        try (var sources = Files.walk(root)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/test/java/")
                            || p.toString().contains("/samples/src/main/java/")).toList()) {
                Matcher m = REGION.matcher(Files.readString(source));
                while (m.find()) {
                    regions.put(m.group(1), dedent(m.group(2)));
                }
            }
        }
        String readme = Files.readString(root.resolve("README.md"));
        Matcher m = SNIPPET.matcher(readme);
        int checked = 0;
        while (m.find()) {
            String name = m.group(1);
            assertThat(regions).as("README snippet %s has a // README:%s region in a test or sample", name, name).containsKey(name);
            assertThat(m.group(2)).as("README snippet %s", name).isEqualTo(regions.get(name));
            checked++;
        }
        assertThat(checked).as("snippets checked").isGreaterThanOrEqualTo(10);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static String dedent(String block) {
        String[] lines = block.split("\n", -1);
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(lines[i].isBlank() ? "" : lines[i].substring(indent));
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
