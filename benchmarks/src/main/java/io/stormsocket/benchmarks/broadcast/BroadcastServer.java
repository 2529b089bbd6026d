package io.stormsocket.benchmarks.broadcast;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The publishing side: a server whose every connection joins one group, and a way to send one
 * message to the whole group.
 *
 * <p>Threading: {@link #publish} is called by one publisher thread; the futures complete on event
 * loops.
 */
interface BroadcastServer extends AutoCloseable {

    /** Returns the bound port of 127.0.0.1. */
    int port();

    /** Waits until {@code count} sessions have joined the group; false on timeout. */
    boolean awaitSubscribers(int count, Duration timeout) throws InterruptedException;

    /**
     * Broadcasts one message to the group.
     *
     * @return completes, once every member's write completed, with the number of members the
     *     message did not reach
     */
    CompletableFuture<Long> publish(int size, long sequence, long timestamp, boolean measured);

    /**
     * Reports what became of the members that never read.
     *
     * @param options the run's options
     * @return their outcome; none for a server without such members
     */
    default SlowOutcome slowOutcome(BroadcastOptions options) {
        return new SlowOutcome(0, 0, 0, 0, 0);
    }

    @Override
    void close();
}
