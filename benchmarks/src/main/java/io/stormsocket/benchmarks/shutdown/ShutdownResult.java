package io.stormsocket.benchmarks.shutdown;

/**
 * What {@code shutdown-bench} measured.
 *
 * @param sessions live sessions when the stop began
 * @param goingAwayBeforeClose clients that read Close 1001 before their connection ended
 * @param shutdownMillis how long {@code stop(grace)} took to complete
 * @param threadsLeft the server's event-loop threads still alive shortly after the stop
 * @param errors failed connects, client errors, server errors and connections that ended without
 *     Close 1001
 */
public record ShutdownResult(int sessions, int goingAwayBeforeClose, long shutdownMillis, long threadsLeft, int errors) {

    /** {@return the {@code RESULT} line the command prints} */
    public String line() {
        return "RESULT sessions=" + sessions + " got_1001_before_close=" + goingAwayBeforeClose + " shutdown_ms="
                + shutdownMillis + " threads_left=" + threadsLeft + " errors=" + errors;
    }
}
