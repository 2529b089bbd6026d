package io.stormsocket.core.internal;

/**
 * A sliding-window rate counter in constant memory: the count of the current fixed window plus
 * the previous window's count weighted by how much of it still overlaps the sliding window. A
 * burst at a window boundary therefore cannot double the rate, as it could with a fixed window
 * that resets. Rejected events are not counted, so a flood does not lock its sender out beyond
 * the window.
 *
 * <p>Threading: not thread-safe; callers synchronize on the instance when it is shared.
 */
public final class SlidingWindow {
    private final long windowNanos;
    private final long limit;
    private long currentStart;
    private long currentCount;
    private long previousCount;

    /**
     * Creates a window.
     *
     * @param limit events allowed per window
     * @param windowNanos the window length
     * @param nowNanos the current {@link System#nanoTime()}
     */
    public SlidingWindow(long limit, long windowNanos, long nowNanos) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.currentStart = nowNanos;
    }

    /**
     * Counts an event if the rate allows it.
     *
     * @param nowNanos the current {@link System#nanoTime()}
     * @return {@code true} if the event is within the limit (and was counted)
     */
    public boolean tryAcquire(long nowNanos) {
        long elapsed = nowNanos - currentStart;
        if (elapsed >= windowNanos) {
            long windows = elapsed / windowNanos;
            previousCount = windows == 1 ? currentCount : 0;
            currentCount = 0;
            currentStart += windows * windowNanos;
            elapsed = nowNanos - currentStart;
        }
        double overlap = (double) (windowNanos - elapsed) / windowNanos;
        if (previousCount * overlap + currentCount + 1 > limit) {
            return false;
        }
        currentCount++;
        return true;
    }
}
