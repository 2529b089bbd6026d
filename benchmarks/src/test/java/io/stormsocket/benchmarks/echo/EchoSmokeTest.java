package io.stormsocket.benchmarks.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the echo client briefly against each echo server and checks that the echo is correct
 * (no errors, something measured). It asserts no performance figure: timings on a shared
 * machine say nothing here.
 */
class EchoSmokeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "storm, tcp, length, 1000",
        "netty, tcp, length, 1000",
        "storm, tls, length, 500",
        "netty, tls, length, 500",
        "storm, tcp, line,   300",
        "netty, tcp, line,   300",
        "storm, tcp, raw,    300",
        "netty, tcp, raw,    300",
    })
    void clientGetsEveryMessageBackUnchanged(String impl, String proto, String framing, long millis)
            throws Exception {
        EchoServerOptions serverOptions = new EchoServerOptions(EchoServerOptions.Impl.parse(impl),
                Proto.parse(proto), 0, Framing.parse(framing), 1);
        try (EchoServer server = EchoServer.start(serverOptions)) {
            EchoResult result = EchoClient.run(new EchoClientOptions(Proto.parse(proto), "127.0.0.1", server.port(),
                    2, 10, 32, Duration.ofMillis(millis), Duration.ZERO, Framing.parse(framing), 1));

            Map<String, String> fields = parse(result.line());
            assertThat(fields).containsEntry("proto", proto).containsKeys("mib_per_s", "p50_us", "p99_us", "p999_us");
            assertThat(fields.get("errors")).isEqualTo("0");
            assertThat(Double.parseDouble(fields.get("msgs_per_s"))).isPositive();
        }
    }

    @Test
    void clientDefaultsAreStormSocketsBenchmark() {
        EchoClientOptions options = EchoClientOptions.parse(new String[] {"--port", "7000"});

        assertThat(options.clients()).isEqualTo(100);
        assertThat(options.inFlight()).isEqualTo(1000);
        assertThat(options.size()).isEqualTo(32);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.framing()).isEqualTo(Framing.LENGTH);
    }

    @Test
    void webSocketIsRefusedUntilItExists() {
        assertThatThrownBy(() -> Proto.parse("ws")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("storm-websocket");
    }

    @Test
    void unknownOptionIsRefused() {
        assertThatThrownBy(() -> EchoServerOptions.parse(new String[] {"--imp", "storm"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--imp");
    }

    private static Map<String, String> parse(String line) {
        assertThat(line).startsWith("RESULT ").doesNotContain("\n");
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring("RESULT ".length()).split(" ")) {
            int eq = field.indexOf('=');
            fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return fields;
    }
}
