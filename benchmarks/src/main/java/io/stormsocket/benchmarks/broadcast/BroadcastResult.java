package io.stormsocket.benchmarks.broadcast;

import io.stormsocket.benchmarks.echo.EchoServerOptions.Impl;
import io.stormsocket.core.SlowConsumerPolicy;
import java.util.Locale;

/**
 * What one broadcast-bench run measured.
 *
 * @param impl storm or netty
 * @param sessions subscriber sessions in the group
 * @param messagesPerSecond measured messages published per second
 * @param deliveriesPerSecond measured messages received per second, summed over the sessions, from
 *     the first measured publish to the last measured receipt
 * @param p50LagMicros median lag from publish to receipt
 * @param p99LagMicros 99th percentile lag
 * @param maxLagMicros largest lag
 * @param errors members a broadcast did not reach (counted only when the publisher waits for the
 *     broadcasts), subscriber sessions that saw a gap, a malformed message, a disconnect or no end
 *     marker, and members that never read but did not end as the policy promises
 * @param policy the server's slow-consumer policy
 * @param slow what became of the members that never read
 */
public record BroadcastResult(Impl impl, int sessions, double messagesPerSecond, double deliveriesPerSecond,
        double p50LagMicros, double p99LagMicros, double maxLagMicros, long errors, SlowConsumerPolicy policy,
        SlowOutcome slow) {

    /**
     * Formats the single {@code RESULT} line the command ends with.
     *
     * @return {@code RESULT impl=... sessions=... deliveries_per_s=... p99_lag_us=... [slow=... policy=...
     *     slow_disconnected=... slow_other_ends=... slow_max_pending_bytes=... pending_bound_bytes=...]
     *     errors=...}
     */
    public String line() {
        String slowMembers = slow.members() == 0 ? "" : String.format(Locale.ROOT,
                " slow=%d policy=%s slow_disconnected=%d slow_other_ends=%d slow_max_pending_bytes=%d"
                        + " pending_bound_bytes=%d", slow.members(), policy.name().toLowerCase(Locale.ROOT),
                slow.disconnected(), slow.otherEnds(), slow.maxPendingBytes(), slow.pendingBound());
        return String.format(Locale.ROOT, "RESULT impl=%s sessions=%d deliveries_per_s=%.0f p99_lag_us=%.1f%s errors=%d",
                impl.name().toLowerCase(Locale.ROOT), sessions, deliveriesPerSecond, p99LagMicros, slowMembers, errors);
    }

    /**
     * Formats the details that do not fit the RESULT line, as a comment line.
     *
     * @return {@code # broadcast messages_per_s=... p50_lag_us=... max_lag_us=...}
     */
    public String details() {
        return String.format(Locale.ROOT, "# broadcast messages_per_s=%.0f p50_lag_us=%.1f max_lag_us=%.1f",
                messagesPerSecond, p50LagMicros, maxLagMicros);
    }
}
