package io.stormsocket.benchmarks.rpc;

import io.stormsocket.rpc.RpcClient;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps {@code -m} requests in flight on one client: each answered request is checked (the answer
 * must carry the request's own number), timed, and replaced by a new one until the run stops.
 *
 * <p>Threading: {@link #start(int)} runs on the command's thread; completions, and the requests
 * they issue, run on the thread that completes each future (the client's event loop). The
 * counters are atomic for that reason; results go to the thread-safe {@link RpcBench} sinks.
 */
final class RpcLoad {
    private final RpcBench bench;
    private final RpcClient client;
    private final AtomicLong nextNumber = new AtomicLong();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final CountDownLatch drained = new CountDownLatch(1);

    RpcLoad(RpcBench bench, RpcClient client) {
        this.bench = bench;
        this.client = client;
    }

    void start(int inFlight) {
        for (int i = 0; i < inFlight; i++) {
            issue();
        }
    }

    /**
     * Returns a latch that opens once the run is stopping and no request of this client is
     * outstanding; call after the run's stopping flag is set.
     */
    CountDownLatch drained() {
        if (outstanding.get() == 0) {
            drained.countDown();
        }
        return drained;
    }

    private void issue() {
        if (bench.stopping()) {
            return;
        }
        long n = nextNumber.getAndIncrement();
        outstanding.incrementAndGet();
        long start = System.nanoTime();
        client.request(new Echo(n)).whenComplete((answer, failure) -> {
            long end = System.nanoTime();
            if (failure != null) {
                bench.error("request " + n + " failed: " + failure);
            } else if (answer.n() != n) {
                bench.error("request " + n + " was answered with " + answer.n());
            } else {
                bench.answered(end - start);
                // A replacement only after a good answer: a failed session fails at once, and
                // replacing those failures would recurse without end.
                issue();
            }
            // After issuing the replacement, so that the count touches zero only when the run ends.
            if (outstanding.decrementAndGet() == 0 && bench.stopping()) {
                drained.countDown();
            }
        });
    }
}
