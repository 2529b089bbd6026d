package io.stormsocket.core.internal;

import io.stormsocket.core.SessionMetrics;
import java.time.Duration;
import java.time.Instant;

/**
 * A session's counters. Written only on the session's event loop (single writer), read from any
 * thread through volatile fields.
 */
final class SessionStats implements SessionMetrics {
    private final Instant connectedAt = Instant.now();
    private final long connectedNanos = System.nanoTime();
    private volatile long closedNanos;
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile long framesIn;
    private volatile long framesOut;

    void addBytesIn(long n) {
        bytesIn += n;
    }

    void addBytesOut(long n) {
        bytesOut += n;
    }

    void addFrameIn() {
        framesIn++;
    }

    void addFrameOut() {
        framesOut++;
    }

    void markClosed() {
        closedNanos = System.nanoTime();
    }

    @Override
    public long bytesIn() {
        return bytesIn;
    }

    @Override
    public long bytesOut() {
        return bytesOut;
    }

    @Override
    public long framesIn() {
        return framesIn;
    }

    @Override
    public long framesOut() {
        return framesOut;
    }

    @Override
    public Instant connectedAt() {
        return connectedAt;
    }

    @Override
    public Duration uptime() {
        long end = closedNanos;
        return Duration.ofNanos((end == 0 ? System.nanoTime() : end) - connectedNanos);
    }

    @Override
    public String toString() {
        return "SessionMetrics[bytesIn=" + bytesIn + ", bytesOut=" + bytesOut + ", framesIn=" + framesIn
                + ", framesOut=" + framesOut + ", uptime=" + uptime() + "]";
    }
}
