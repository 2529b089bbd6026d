package io.stormsocket.benchmarks.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stormsocket.benchmarks.echo.Proto;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Runs shutdown-bench with 50 sessions (it starts the client JVM) and checks that every client
 * read Close 1001 before its connection ended and the server's threads are gone. It asserts no
 * performance figure.
 */
class ShutdownBenchSmokeTest {

    @Test
    void everySessionGetsGoingAwayAndNoServerThreadIsLeft() throws Exception {
        ShutdownResult result = ShutdownBench.run(new ShutdownBenchOptions(Proto.WS, 50, Duration.ofSeconds(5), 1));

        assertThat(result.sessions()).isEqualTo(50);
        assertThat(result.goingAwayBeforeClose()).isEqualTo(50);
        assertThat(result.threadsLeft()).isZero();
        assertThat(result.errors()).isZero();
        assertThat(result.line()).startsWith("RESULT sessions=50 got_1001_before_close=50 shutdown_ms=")
                .endsWith(" threads_left=0 errors=0");
    }

    @Test
    void optionsParseAndRefuseOtherProtocols() {
        ShutdownBenchOptions options = ShutdownBenchOptions.parse(
                new String[] {"--proto", "ws", "--sessions", "200", "--grace", "2.5"});

        assertThat(options.sessions()).isEqualTo(200);
        assertThat(options.grace()).isEqualTo(Duration.ofMillis(2500));
        assertThatThrownBy(() -> ShutdownBenchOptions.parse(new String[] {"--proto", "tcp"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--proto ws");
    }
}
