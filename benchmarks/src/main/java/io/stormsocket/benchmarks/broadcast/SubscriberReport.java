package io.stormsocket.benchmarks.broadcast;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the subscriber JVM reports to the command, as one line on its standard output.
 *
 * @param deliveries measured messages received, summed over all sessions
 * @param lastReceiveNanos {@link System#nanoTime()} of the last measured receipt
 * @param p50LagMicros median publish-to-receipt lag
 * @param p99LagMicros 99th percentile lag
 * @param maxLagMicros largest lag
 * @param errors sessions that saw a gap, a malformed message, a disconnect, or no end marker in time
 */
record SubscriberReport(long deliveries, long lastReceiveNanos, double p50LagMicros, double p99LagMicros,
        double maxLagMicros, long errors) {
    static final String PREFIX = "SUBSCRIBERS ";

    String line() {
        return String.format(Locale.ROOT,
                PREFIX + "deliveries=%d last_receive_nanos=%d p50_lag_us=%.1f p99_lag_us=%.1f max_lag_us=%.1f errors=%d",
                deliveries, lastReceiveNanos, p50LagMicros, p99LagMicros, maxLagMicros, errors);
    }

    static SubscriberReport parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring(PREFIX.length()).trim().split(" ")) {
            int eq = field.indexOf('=');
            fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return new SubscriberReport(Long.parseLong(fields.get("deliveries")),
                Long.parseLong(fields.get("last_receive_nanos")), Double.parseDouble(fields.get("p50_lag_us")),
                Double.parseDouble(fields.get("p99_lag_us")), Double.parseDouble(fields.get("max_lag_us")),
                Long.parseLong(fields.get("errors")));
    }
}
