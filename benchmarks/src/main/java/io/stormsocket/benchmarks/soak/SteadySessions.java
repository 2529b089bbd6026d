package io.stormsocket.benchmarks.soak;

import io.stormsocket.core.StormClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The steady sessions of the client JVM: opened a few hundred connects at a time, then sent
 * numbered messages in rounds, each round spread over its time; each checks that its echoes come
 * back complete and in order.
 *
 * <p>Threading: one application thread connects, sends and closes; the echoes are counted on the
 * clients' event loops.
 */
final class SteadySessions {
    /** Connects in progress at once: keeps the server's accept queue from overflowing. */
    private static final int MAX_PENDING_CONNECTS = 256;
    /** Sessions that send back to back between two pacing pauses. */
    private static final int PACING_BATCH = 50;

    private final List<StormClient> clients = new ArrayList<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder echoed = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder endedEarly = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private volatile boolean closing;

    /**
     * Opens the sessions, at most {@value #MAX_PENDING_CONNECTS} connects at a time, and waits
     * until every connect has ended.
     *
     * @param count how many sessions
     * @param factory makes the clients
     * @param port the server's port
     * @param timeout how long all connects may take
     * @throws InterruptedException if interrupted while connecting
     */
    void open(int count, SoakClientFactory factory, int port, Duration timeout) throws InterruptedException {
        Semaphore pending = new Semaphore(MAX_PENDING_CONNECTS);
        for (int i = 0; i < count; i++) {
            EchoOrder order = new EchoOrder();
            StormClient client = factory.create(port, false, order::received);
            client.onDisconnected((session, reason) -> {
                if (!closing) {
                    endedEarly.increment();
                }
            });
            client.onError((session, error) -> errors.increment());
            clients.add(client);
            pending.acquire();
            client.connect().whenComplete((session, error) -> {
                pending.release();
                if (error != null) {
                    connectFailures.increment();
                }
            });
        }
        if (!pending.tryAcquire(MAX_PENDING_CONNECTS, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("connects still pending after " + timeout);
        }
    }

    /**
     * Sends message number {@code round} on every session, spread evenly from {@code start} to
     * {@code end} ({@link System#nanoTime()} values) rather than in one burst, as independent users
     * would send.
     *
     * @param round the message number, from 0
     * @param start when the first session sends
     * @param end when the round's time is up; the last session sends just before it
     * @throws InterruptedException if interrupted while pacing
     */
    void sendRound(int round, long start, long end) throws InterruptedException {
        String text = Integer.toString(round);
        long step = (end - start) / clients.size();
        for (int i = 0; i < clients.size(); i++) {
            if (i % PACING_BATCH == 0) {
                // Pacing, not waiting for an event: session i sends i steps after the round began.
                long wait = start + i * step - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            StormClient client = clients.get(i);
            if (client.isConnected()) {
                sent.increment();
                client.send(text).whenComplete((result, error) -> {
                    if (error != null) {
                        sendFailures.increment();
                    }
                });
            }
        }
    }

    /**
     * Waits, polling with a deadline, until every message sent has come back.
     *
     * @param timeout how long to wait
     * @throws InterruptedException if interrupted while waiting
     */
    void awaitEchoes(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (echoed.sum() + outOfOrder.sum() < sent.sum() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /**
     * Disconnects every session gracefully, a few hundred at a time, and releases the clients.
     *
     * @param timeout how long the disconnects may take
     * @return the sessions that did not finish closing in time
     * @throws InterruptedException if interrupted while waiting
     */
    int closeAll(Duration timeout) throws InterruptedException {
        closing = true;
        Semaphore pending = new Semaphore(MAX_PENDING_CONNECTS);
        LongAdder failed = new LongAdder();
        for (StormClient client : clients) {
            pending.acquire();
            CompletableFuture<Void> disconnect = client.disconnect();
            disconnect.whenComplete((ignored, error) -> {
                pending.release();
                if (error != null) {
                    failed.increment();
                }
            });
        }
        if (!pending.tryAcquire(MAX_PENDING_CONNECTS, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return clients.size();
        }
        clients.forEach(StormClient::close);
        return failed.intValue();
    }

    /** {@return the connected sessions} */
    int connected() {
        return (int) clients.stream().filter(StormClient::isConnected).count();
    }

    long connectFailures() {
        return connectFailures.sum();
    }

    long sent() {
        return sent.sum();
    }

    long sendFailures() {
        return sendFailures.sum();
    }

    long echoed() {
        return echoed.sum();
    }

    long outOfOrder() {
        return outOfOrder.sum();
    }

    /** {@return the sessions that ended before the soak closed them} */
    long endedEarly() {
        return endedEarly.sum();
    }

    /** {@return the errors the clients reported} */
    long errors() {
        return errors.sum();
    }

    /** One session's check that echo {@code n} is the {@code n}th to arrive. Event loop only. */
    private final class EchoOrder {
        private int next;

        void received(String text) {
            if (text.equals(Integer.toString(next))) {
                next++;
                echoed.increment();
            } else {
                outOfOrder.increment();
            }
        }
    }
}
