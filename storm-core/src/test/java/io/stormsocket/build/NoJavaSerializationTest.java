package io.stormsocket.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build rule: no main source in any module may use Java serialization's streams. Storm reads
 * bytes from peers; an {@code ObjectInputStream} anywhere near them turns a malformed message into
 * remote code execution (gadget chains), and nothing Storm does needs one. RPC payloads go through
 * an {@code RpcSerializer} (JSON without polymorphic typing) instead. Runs in storm-core's tests and
 * scans the whole repository's {@code src/main/java} trees, comments included, so the rule cannot
 * be switched off module by module.
 */
class NoJavaSerializationTest {
    private static final Pattern FORBIDDEN = Pattern.compile("\\bObject(Input|Output)Stream\\b");

    @Test
    void noMainSourceUsesJavaSerialization() throws IOException {
        Path root = repositoryRoot();
        List<String> violations = violations(root);
        assertThat(violations).as("Java serialization in main sources (see this test's Javadoc)").isEmpty();
    }

    @Test
    void theScanFindsAViolation(@TempDir Path root) throws IOException {
        Path main = Files.createDirectories(root.resolve("some-module/src/main/java/x"));
        Files.writeString(main.resolve("Bad.java"), "class Bad { java.io.ObjectInputStream in; }\n");
        Path test = Files.createDirectories(root.resolve("some-module/src/test/java/x"));
        Files.writeString(test.resolve("Fine.java"), "class Fine { java.io.ObjectOutputStream out; }\n");

        assertThat(violations(root)).singleElement().asString().contains("Bad.java:1").contains("ObjectInputStream");
    }

    @Test
    void theScanCoversEveryModule() throws IOException {
        List<Path> trees;
        try (Stream<Path> paths = Files.walk(repositoryRoot(), 4)) {
            trees = paths.filter(p -> p.endsWith(Path.of("src", "main", "java"))).toList();
        }
        assertThat(trees.stream().map(p -> p.getParent().getParent().getParent().getFileName().toString()))
                .contains("storm-core", "storm-ssl", "storm-websocket", "storm-rpc");
    }

    /** Every {@code file:line: text} under a {@code src/main/java} tree that names the streams. */
    static List<String> violations(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> paths = Files.walk(root)) {
            sources = paths.filter(Files::isRegularFile)
                    .filter(p -> root.relativize(p).toString().replace('\\', '/').contains("/src/main/java/"))
                    .filter(p -> !root.relativize(p).toString().replace('\\', '/').contains("/target/"))
                    .sorted().toList();
        }
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = FORBIDDEN.matcher(lines.get(i));
                if (m.find()) {
                    found.add(root.relativize(source) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        return found;
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
}
