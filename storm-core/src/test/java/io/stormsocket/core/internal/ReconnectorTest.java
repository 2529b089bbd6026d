package io.stormsocket.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ReconnectPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectorTest {
    private static final ReconnectPolicy POLICY = ReconnectPolicy.builder()
            .initialDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofMillis(1000))
            .multiplier(2)
            .jitter(0.2)
            .maxAttempts(6)
            .build();

    @Test
    void jitterStaysWithinTheFractionAroundTheBaseDelay() {
        assertThat(Reconnector.delay(POLICY, 1, 0.0)).isEqualTo(Duration.ofMillis(80));
        assertThat(Reconnector.delay(POLICY, 1, 0.5)).isEqualTo(Duration.ofMillis(100));
        assertThat(Reconnector.delay(POLICY, 1, Math.nextDown(1.0))).isBetween(Duration.ofMillis(119), Duration.ofMillis(120));
        assertThat(Reconnector.delay(POLICY, 3, 0.0)).isEqualTo(Duration.ofMillis(320));
    }

    @Test
    void jitterNeverExceedsTheMaximumDelay() {
        assertThat(Reconnector.delay(POLICY, 5, Math.nextDown(1.0))).isEqualTo(Duration.ofMillis(1000));
        assertThat(Reconnector.delay(POLICY, 5, 0.0)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void attemptsCountUpToTheMaximumAndResetStartsOver() {
        Reconnector reconnector = new Reconnector(POLICY);
        for (int attempt = 1; attempt <= 6; attempt++) {
            Reconnector.Attempt next = reconnector.next().orElseThrow();
            assertThat(next.number()).isEqualTo(attempt);
            Duration base = POLICY.baseDelay(attempt);
            assertThat(next.delay()).isBetween(base.multipliedBy(8).dividedBy(10), base.multipliedBy(12).dividedBy(10));
        }
        assertThat(reconnector.next()).isEmpty();
        assertThat(reconnector.attempts()).isEqualTo(6);
        reconnector.reset();
        assertThat(reconnector.next().orElseThrow().number()).isEqualTo(1);
    }

    @Test
    void unlimitedPolicyNeverRunsOut() {
        Reconnector reconnector = new Reconnector(ReconnectPolicy.builder().build());
        for (int i = 0; i < 10_000; i++) {
            assertThat(reconnector.next()).isPresent();
        }
        assertThat(reconnector.next().orElseThrow().delay()).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(30));
    }
}
