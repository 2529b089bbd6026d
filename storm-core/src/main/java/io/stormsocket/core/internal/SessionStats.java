package io.stormsocket.core.internal;

import io.stormsocket.core.SessionMetrics;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;

/**
 * A session's counters. Written only on the session's event loop (single writer), so an update is
 * a plain add followed by a release store — no locked instruction per message, as a volatile
 * write would cost — and read from any thread with acquire loads.
 */
final class SessionStats implements SessionMetrics {
    private static final VarHandle BYTES_IN;
    private static final VarHandle BYTES_OUT;
    private static final VarHandle FRAMES_IN;
    private static final VarHandle FRAMES_OUT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            BYTES_IN = lookup.findVarHandle(SessionStats.class, "bytesIn", long.class);
            BYTES_OUT = lookup.findVarHandle(SessionStats.class, "bytesOut", long.class);
            FRAMES_IN = lookup.findVarHandle(SessionStats.class, "framesIn", long.class);
            FRAMES_OUT = lookup.findVarHandle(SessionStats.class, "framesOut", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Wall-clock connect time in milliseconds; an {@link Instant} is made only when asked for. */
    private final long connectedAtMillis = System.currentTimeMillis();
    private final long connectedNanos = System.nanoTime();
    private volatile long closedNanos;
    private long bytesIn;
    private long bytesOut;
    private long framesIn;
    private long framesOut;

    void addBytesIn(long n) {
        BYTES_IN.setRelease(this, bytesIn + n);
    }

    void addBytesOut(long n) {
        BYTES_OUT.setRelease(this, bytesOut + n);
    }

    void addFrameIn() {
        FRAMES_IN.setRelease(this, framesIn + 1);
    }

    void addFramesOut(int frames) {
        FRAMES_OUT.setRelease(this, framesOut + frames);
    }

    void markClosed() {
        closedNanos = System.nanoTime();
    }

    @Override
    public long bytesIn() {
        return (long) BYTES_IN.getAcquire(this);
    }

    @Override
    public long bytesOut() {
        return (long) BYTES_OUT.getAcquire(this);
    }

    @Override
    public long framesIn() {
        return (long) FRAMES_IN.getAcquire(this);
    }

    @Override
    public long framesOut() {
        return (long) FRAMES_OUT.getAcquire(this);
    }

    @Override
    public Instant connectedAt() {
        return Instant.ofEpochMilli(connectedAtMillis);
    }

    @Override
    public Duration uptime() {
        long end = closedNanos;
        return Duration.ofNanos((end == 0 ? System.nanoTime() : end) - connectedNanos);
    }

    @Override
    public String toString() {
        return "SessionMetrics[bytesIn=" + bytesIn() + ", bytesOut=" + bytesOut() + ", framesIn=" + framesIn()
                + ", framesOut=" + framesOut() + ", uptime=" + uptime() + "]";
    }
}
