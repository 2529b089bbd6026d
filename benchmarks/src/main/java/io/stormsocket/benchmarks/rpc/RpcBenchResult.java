package io.stormsocket.benchmarks.rpc;

import io.stormsocket.benchmarks.echo.Proto;
import java.util.Locale;

/**
 * What one rpc-bench run measured.
 *
 * @param proto tcp or ws
 * @param requestsPerSecond requests answered per second in the measured window
 * @param p50Micros median request round trip in microseconds
 * @param p99Micros 99th percentile round trip in microseconds
 * @param errors failed requests and responses that did not answer their own request
 */
public record RpcBenchResult(Proto proto, double requestsPerSecond, double p50Micros, double p99Micros,
        long errors) {

    /**
     * Formats the single {@code RESULT} line the command ends with.
     *
     * @return {@code RESULT proto=... requests_per_s=... p50_us=... p99_us=... errors=...}
     */
    public String line() {
        return String.format(Locale.ROOT, "RESULT proto=%s requests_per_s=%.0f p50_us=%.1f p99_us=%.1f errors=%d",
                proto.label(), requestsPerSecond, p50Micros, p99Micros, errors);
    }
}
