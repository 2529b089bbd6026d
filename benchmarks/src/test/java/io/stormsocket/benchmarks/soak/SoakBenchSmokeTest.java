package io.stormsocket.benchmarks.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stormsocket.benchmarks.echo.Proto;
import io.stormsocket.core.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs soak-bench small (50 steady sessions, 3 messages each over 2 s, two churn workers) over tcp
 * and ws. The command needs a JVM of its own, where it installs its counting leak detector before
 * Netty makes one, so the test starts it as a process (which starts the client JVM in turn) and
 * checks its {@code RESULT} line: every check held, nothing lost, no leak in either JVM. It asserts
 * no performance figure.
 */
class SoakBenchSmokeTest {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ws"})
    void smallSoakLosesNothingAndLeavesNothingBehind(String proto) throws Exception {
        String result = runSoak("--proto", proto, "--sessions", "50", "--messages", "3", "-z", "2",
                "--churn-workers", "2", "--heartbeat", "1");

        assertThat(result).startsWith("RESULT proto=" + proto + " sessions=50 ")
                .contains(" connected=50 ", " sent=150 echoed=150 lost=0 out_of_order=0 ", " churn_failures=0 ",
                        " not_closed=0 client_leaks=0 sessions_after=0 group_members_after=0 groups_after=0 ",
                        " server_errors=0 ", " server_leaks=0 ")
                .endsWith(" failed=none ok=true");
    }

    @Test
    void optionsParseAndRefuseTlsProtocols() {
        SoakOptions options = SoakOptions.parse(new String[] {"--proto", "ws", "--sessions", "200", "-z", "2.5",
                "--transport", "nio"});

        assertThat(options.proto()).isEqualTo(Proto.WS);
        assertThat(options.sessions()).isEqualTo(200);
        assertThat(options.hold()).isEqualTo(Duration.ofMillis(2500));
        assertThat(options.transport()).isEqualTo(Transport.NIO);
        assertThat(options.heapBound()).isEqualTo(SoakOptions.DEFAULT_HEAP_BOUND);
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--proto", "wss"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--proto tcp or ws");
    }

    /** Runs soak-bench in a new JVM and returns its RESULT line. */
    private static String runSoak(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.stormsocket.benchmarks.Main", "soak-bench"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else {
                    System.err.println("soak-bench: " + line);
                }
            }
        } finally {
            if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(result).as("soak-bench's RESULT line").isNotNull();
        return result;
    }
}
