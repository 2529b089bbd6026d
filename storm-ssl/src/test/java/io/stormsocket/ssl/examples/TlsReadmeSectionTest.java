package io.stormsocket.ssl.examples;

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
 * Keeps README-TLS-SECTION.md honest, the same way storm-core's ReadmeSnippetsTest keeps the README
 * honest: every {@code <!-- snippet:NAME -->} code block must equal the region
 * {@code // README:NAME ... // END} of {@link TlsReadmeExamplesTest}, which compiles and runs.
 */
class TlsReadmeSectionTest {
    private static final Pattern REGION = Pattern.compile("// README:(\\S+)\\n(.*?)\\n[ \\t]*// END", Pattern.DOTALL);
    private static final Pattern SNIPPET = Pattern.compile("<!-- snippet:(\\S+) -->\\s*```java\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void everySnippetMatchesCompiledCode() throws IOException {
        Path module = moduleRoot();
        Path source = module.resolve("src/test/java/io/stormsocket/ssl/examples/TlsReadmeExamplesTest.java");
        Map<String, String> regions = new LinkedHashMap<>();
        Matcher r = REGION.matcher(Files.readString(source));
        while (r.find()) {
            regions.put(r.group(1), dedent(r.group(2)));
        }
        String section = Files.readString(module.resolve("README-TLS-SECTION.md"));
        Matcher m = SNIPPET.matcher(section);
        int checked = 0;
        while (m.find()) {
            String name = m.group(1);
            assertThat(regions).as("snippet %s has a // README:%s region", name, name).containsKey(name);
            assertThat(m.group(2)).as("snippet %s", name).isEqualTo(regions.get(name));
            checked++;
        }
        assertThat(checked).as("snippets checked").isEqualTo(regions.size());
    }

    private static Path moduleRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README-TLS-SECTION.md"))) {
            Path nested = dir.resolve("storm-ssl");
            if (Files.exists(nested.resolve("README-TLS-SECTION.md"))) {
                return nested;
            }
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("README-TLS-SECTION.md not found from " + Path.of("").toAbsolutePath());
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
