package io.stormsocket.benchmarks.echo;

import java.util.Locale;

/**
 * What one echo-client run measured.
 *
 * @param proto the protocol
 * @param msgsPerSecond echoed messages per second in the measured window
 * @param mibPerSecond echoed payload MiB per second (payload bytes of one direction, framing excluded)
 * @param p50Micros median round trip in microseconds
 * @param p99Micros 99th percentile round trip in microseconds
 * @param p999Micros 99.9th percentile round trip in microseconds
 * @param errors payload mismatches, unexpected disconnects and exceptions
 */
public record EchoResult(Proto proto, double msgsPerSecond, double mibPerSecond, double p50Micros,
        double p99Micros, double p999Micros, long errors) {

    /**
     * Formats the single {@code RESULT} line the tool ends with.
     *
     * @return {@code RESULT proto=... msgs_per_s=... mib_per_s=... p50_us=... p99_us=... p999_us=... errors=...}
     */
    public String line() {
        return String.format(Locale.ROOT,
                "RESULT proto=%s msgs_per_s=%.0f mib_per_s=%.2f p50_us=%.1f p99_us=%.1f p999_us=%.1f errors=%d",
                proto.label(), msgsPerSecond, mibPerSecond, p50Micros, p99Micros, p999Micros, errors);
    }
}
