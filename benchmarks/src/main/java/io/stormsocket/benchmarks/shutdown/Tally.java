package io.stormsocket.benchmarks.shutdown;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The counts of {@code shutdown-clients}, shared by all its connections.
 *
 * <p>Threading: any thread (atomics and latches).
 */
final class Tally {
    private final CountDownLatch upgraded;
    private final CountDownLatch closed;
    private final AtomicInteger goingAway = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();

    Tally(int connections) {
        this.upgraded = new CountDownLatch(connections);
        this.closed = new CountDownLatch(connections);
    }

    /** A handshake ended, upgraded or refused (a refusal is also counted as an error). */
    void upgraded() {
        upgraded.countDown();
    }

    /** A connect failed: it will neither upgrade nor close. */
    void connectFailed() {
        errors.incrementAndGet();
        upgraded.countDown();
        closed.countDown();
    }

    void closed(boolean goingAwayFirst) {
        if (goingAwayFirst) {
            goingAway.incrementAndGet();
        }
        closed.countDown();
    }

    void error() {
        errors.incrementAndGet();
    }

    boolean awaitUpgraded(long seconds) throws InterruptedException {
        return upgraded.await(seconds, TimeUnit.SECONDS);
    }

    boolean awaitClosed(long seconds) throws InterruptedException {
        return closed.await(seconds, TimeUnit.SECONDS);
    }

    long notUpgraded() {
        return upgraded.getCount();
    }

    long notClosed() {
        return closed.getCount();
    }

    int goingAway() {
        return goingAway.get();
    }

    int errors() {
        return errors.get();
    }
}
