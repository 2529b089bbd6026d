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
        "vertx, tcp, length, 1000",
        "vertx, tcp, line,   300",
        "vertx, tcp, raw,    300",
    })
    void clientGetsEveryMessageBackUnchanged(String impl, String proto, String framing, long millis)
            throws Exception {
        EchoServerOptions serverOptions = new EchoServerOptions(EchoServerOptions.Impl.parse(impl),
                Proto.parse(proto), 0, Framing.parse(framing), 1, true);
        try (EchoServer server = EchoServer.start(serverOptions)) {
            EchoResult result = EchoClient.run(new EchoClientOptions(Proto.parse(proto), "127.0.0.1", server.port(),
                    2, 10, 32, Duration.ofMillis(millis), Duration.ZERO, Framing.parse(framing), 1, false));

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

    @ParameterizedTest(name = "{0} {1} server compression {2}, client offers {3}")
    @CsvSource({
        "storm, ws,  true,  false",
        "netty, ws,  true,  false",
        "storm, wss, true,  false",
        "netty, wss, true,  false",
        "storm, ws,  true,  true",
        "netty, ws,  true,  true",
        "storm, ws,  false, true",
        "netty, ws,  false, true",
        "vertx, ws,  true,  true",
        "vertx, ws,  false, true",
    })
    void webSocketClientGetsEveryMessageBackUnchanged(String impl, String proto, boolean serverCompression,
            boolean clientCompression) throws Exception {
        EchoServerOptions serverOptions = new EchoServerOptions(EchoServerOptions.Impl.parse(impl),
                Proto.parse(proto), 0, Framing.LENGTH, 1, serverCompression);
        try (EchoServer server = EchoServer.start(serverOptions)) {
            // 100-byte payloads, so that a negotiated permessage-deflate really compresses them.
            EchoResult result = EchoClient.run(new EchoClientOptions(Proto.parse(proto), "127.0.0.1", server.port(),
                    2, 4, 100, Duration.ofSeconds(1), Duration.ZERO, Framing.LENGTH, 1, clientCompression));

            Map<String, String> fields = parse(result.line());
            assertThat(fields).containsEntry("proto", proto);
            assertThat(fields.get("errors")).isEqualTo("0");
            assertThat(Double.parseDouble(fields.get("msgs_per_s"))).isPositive();
        }
    }

    @Test
    void webSocketCompressionIsAcceptedByServersAndOfferedByTheClientOnlyOnRequest() {
        EchoClientOptions client = EchoClientOptions.parse(new String[] {"--proto", "wss", "--compression"});
        EchoServerOptions server = EchoServerOptions.parse(new String[] {"--proto", "ws", "--no-compression"});

        assertThat(client.proto()).isEqualTo(Proto.WSS);
        assertThat(client.compression()).isTrue();
        assertThat(EchoClientOptions.parse(new String[0]).compression()).isFalse();
        assertThat(server.proto()).isEqualTo(Proto.WS);
        assertThat(server.compression()).isFalse();
        assertThat(EchoServerOptions.parse(new String[0]).compression()).isTrue();
        assertThatThrownBy(() -> Proto.parse("http")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vertxRefusesTls() {
        EchoServerOptions options = new EchoServerOptions(EchoServerOptions.Impl.VERTX, Proto.TLS, 0, Framing.LENGTH,
                1, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EchoServer.start(options))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tcp and ws only");
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
