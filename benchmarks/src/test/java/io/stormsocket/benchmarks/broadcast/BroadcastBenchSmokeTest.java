package io.stormsocket.benchmarks.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stormsocket.benchmarks.echo.EchoServerOptions.Impl;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs broadcast-bench briefly with each implementation (it starts its subscriber JVM) and checks
 * that every subscriber got every message in order. It asserts no performance figure.
 */
class BroadcastBenchSmokeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"storm", "netty"})
    void everySubscriberGetsEveryMessageInOrder(String impl) throws Exception {
        BroadcastResult result = BroadcastBench.run(BroadcastOptions.of(Impl.parse(impl), 50, 32,
                Duration.ofSeconds(1), Duration.ZERO, 1));

        assertThat(result.errors()).isZero();
        assertThat(result.deliveriesPerSecond()).isPositive();
        assertThat(result.line()).startsWith("RESULT impl=" + impl + " sessions=50 deliveries_per_s=")
                .contains(" p99_lag_us=").endsWith(" errors=0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"wait", "drop", "disconnect"})
    void membersThatNeverReadEndAsThePolicyPromisesAndTheOthersGetEverything(String policy) throws Exception {
        // 4 KiB at 1,000/s fills a member that never reads past the water mark within the run.
        BroadcastResult result = BroadcastBench.run(BroadcastOptions.parse(new String[] {"--impl", "storm",
                "--sessions", "20", "--slow", "2", "--policy", policy, "--rate", "1000", "-s", "4096", "-z", "3",
                "--warmup", "0", "--io-threads", "1"}));

        assertThat(result.errors()).as(result.line()).isZero();
        assertThat(result.slow().members()).isEqualTo(2);
        if (policy.equals("disconnect")) {
            assertThat(result.slow().disconnected()).isEqualTo(2);
        } else {
            assertThat(result.slow().disconnected()).isZero();
            assertThat(result.slow().maxPendingBytes()).isPositive().isLessThanOrEqualTo(result.slow().pendingBound());
        }
        assertThat(result.line()).contains(" slow=2 policy=" + policy + " ").endsWith(" errors=0");
    }

    @Test
    void slowMembersNeedAPacedStormPublisher() {
        assertThatThrownBy(() -> BroadcastOptions.parse(new String[] {"--slow", "1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate");
        assertThatThrownBy(() -> BroadcastOptions.parse(new String[] {"--impl", "netty", "--slow", "1", "--rate", "10"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--impl storm");
    }

    @Test
    void optionsDefaultToTenThousandSessionsAndRefuseTinyPayloads() {
        BroadcastOptions options = BroadcastOptions.parse(new String[] {"--impl", "netty"});

        assertThat(options.impl()).isEqualTo(Impl.NETTY);
        assertThat(options.sessions()).isEqualTo(10_000);
        assertThatThrownBy(() -> BroadcastOptions.parse(new String[] {"-s", "8"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 17");
    }

    @Test
    void subscriberReportSurvivesTheTripBetweenProcesses() {
        SubscriberReport report = new SubscriberReport(1234, 987654321L, 1.5, 20.5, 300.0, 2);

        assertThat(SubscriberReport.parse(report.line())).isEqualTo(report);
    }
}
