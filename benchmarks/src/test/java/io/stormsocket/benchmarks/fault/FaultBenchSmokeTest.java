package io.stormsocket.benchmarks.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code fault-bench} at tiny sizes (its attackers in a second JVM, after the warm-up pass)
 * and checks each row's correctness fields: the healthy client got every reply in order and the
 * attacker ended as its limit promises, as the server saw it. It asserts no timing (the p99
 * ratios, the contention baseline and the legitimate connect time are only checked to be
 * reported): timings on a shared machine say nothing here.
 */
class FaultBenchSmokeTest {

    @Test
    void everyRowKeepsTheHealthyClientWholeAndEndsTheAttacker() throws Exception {
        List<String> lines = FaultBench.run(new FaultBenchOptions(50, 5, Duration.ofMillis(1500), 300, 3, 200, 5, false,
                true, List.of()));

        assertThat(lines).extracting(line -> parse(line).get("attack")).containsExactly("stop-reading", "half-frame",
                "reset-mid-frame", "flood", "connection-flood", "slowloris", "rate-limit-10x", "oversized-prefix");
        Map<String, String> expectedClose = Map.of("stop-reading", "SLOW_CONSUMER", "half-frame", "IDLE_TIMEOUT",
                "reset-mid-frame", "REMOTE_CLOSE", "flood", "RATE_LIMITED", "connection-flood", "refused_at_accept",
                "slowloris", "IDLE_TIMEOUT", "rate-limit-10x", "open_dropping", "oversized-prefix", "PROTOCOL_ERROR");
        for (String line : lines) {
            Map<String, String> fields = parse(line);
            assertThat(line).startsWith("RESULT ");
            assertThat(fields).as(line).containsKeys("healthy_p99_us", "baseline_p99_us", "ratio", "ok", "bound",
                    "attacker_cpu_pct", "contention_p99_us", "contention_cpu_pct", "ratio_to_contention",
                    "server_fds_before", "server_fds_after");
            assertThat(fields.get("healthy_in_order")).as(line).isEqualTo("true");
            assertThat(fields.get("attacker_close")).as(line).isEqualTo(expectedClose.get(fields.get("attack")));
        }
        Map<String, String> flood = parse(lines.get(4));
        assertThat(Integer.parseInt(flood.get("max_open"))).isLessThanOrEqualTo(3);
        assertThat(Long.parseLong(flood.get("rejected"))).isPositive();
        assertThat(Double.parseDouble(parse(lines.get(6)).get("error_pct")))
                .as("rate limiting lets through the limit, within 5 %%").isBetween(-5.0, 5.0);
    }

    @Test
    void optionsParseFlagsAndRows() {
        FaultBenchOptions options = FaultBenchOptions.parse(new String[] {"--pin", "--round-trips", "400",
                "--no-warmup-pass", "--rows", "reset-mid-frame,connection-flood"});

        assertThat(options.pin()).isTrue();
        assertThat(options.warmupPass()).isFalse();
        assertThat(options.roundTrips()).isEqualTo(400);
        assertThat(options.rows()).containsExactly("reset-mid-frame", "connection-flood");
        FaultBenchOptions defaults = FaultBenchOptions.parse(new String[0]);
        assertThat(defaults.pin()).isFalse();
        assertThat(defaults.warmupPass()).isTrue();
        assertThat(defaults.warmupSizes().duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.warmupSizes().roundTrips()).isEqualTo(500);
    }

    private static Map<String, String> parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String token : line.replaceAll("bound=\"[^\"]*\"", "bound=stated").split(" ")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                fields.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return fields;
    }
}
