package io.stormsocket.benchmarks.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stormsocket.benchmarks.echo.Proto;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Runs rpc-bench briefly over each protocol against its in-process server and checks that every
 * request got its own answer. It asserts no performance figure.
 */
class RpcBenchSmokeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ws"})
    void everyRequestGetsItsOwnAnswer(String proto) throws Exception {
        RpcBenchResult result = RpcBench.run(new RpcBenchOptions(Proto.parse(proto), "127.0.0.1", 0, 2, 8,
                Duration.ofSeconds(1), Duration.ZERO, 1));

        assertThat(result.errors()).isZero();
        assertThat(result.requestsPerSecond()).isPositive();
        assertThat(result.line()).startsWith("RESULT proto=" + proto + " requests_per_s=").contains(" p50_us=", " p99_us=")
                .endsWith(" errors=0");
    }

    @Test
    void optionsParseAndRefuseOtherProtocols() {
        RpcBenchOptions options = RpcBenchOptions.parse(new String[] {"--proto", "ws", "-c", "4", "-m", "64", "-z", "3"});

        assertThat(options.proto()).isEqualTo(Proto.WS);
        assertThat(options.clients()).isEqualTo(4);
        assertThat(options.inFlight()).isEqualTo(64);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.inProcessServer()).isTrue();
        assertThatThrownBy(() -> RpcBenchOptions.parse(new String[] {"--proto", "tls"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
