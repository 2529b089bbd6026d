package io.stormsocket.benchmarks.soak;

import io.stormsocket.core.StormClient;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connection churn: worker threads that each open a connection, exchange one message, close it,
 * and start again until the deadline; every fourth connection of a worker uses TLS.
 *
 * <p>Threading: {@link #start} starts the workers; {@link #join} waits for them; the counts may be
 * read from any thread.
 */
final class Churn {
    private static final long STEP_TIMEOUT_SECONDS = 15;
    /** A cycle slower than this is reported on standard error with the time of each step. */
    private static final long SLOW_CYCLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LongAdder cycles = new LongAdder();
    private final LongAdder secureCycles = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder slowCycles = new LongAdder();
    private final List<Thread> workers = new ArrayList<>();

    /**
     * Starts the workers.
     *
     * @param workerCount how many workers
     * @param factory makes the clients
     * @param plainPort the server's plain port
     * @param securePort the server's TLS port
     * @param deadline {@link System#nanoTime()} at which the workers stop starting cycles
     */
    void start(int workerCount, SoakClientFactory factory, int plainPort, int securePort, long deadline) {
        for (int w = 0; w < workerCount; w++) {
            Thread worker = new Thread(() -> run(factory, plainPort, securePort, deadline), "soak-churn-" + w);
            workers.add(worker);
            worker.start();
        }
    }

    private void run(SoakClientFactory factory, int plainPort, int securePort, long deadline) {
        for (int cycle = 0; System.nanoTime() < deadline; cycle++) {
            boolean secure = cycle % 4 == 3;
            String text = "churn " + cycle;
            CompletableFuture<String> reply = new CompletableFuture<>();
            long begin = System.nanoTime();
            long connected = begin;
            long echoed = begin;
            try (StormClient client = factory.create(secure ? securePort : plainPort, secure, reply::complete)) {
                client.connect().get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                connected = System.nanoTime();
                client.send(text);
                if (!text.equals(reply.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS))) {
                    throw new IllegalStateException("wrong echo");
                }
                echoed = System.nanoTime();
                client.disconnect().get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                long closed = System.nanoTime();
                if (closed - begin > SLOW_CYCLE_NANOS) {
                    slowCycles.increment();
                    System.err.printf("%s slow churn cycle%s: connect %d ms, echo %d ms, close %d ms%n",
                            LocalTime.now(), secure ? " (TLS)" : "", (connected - begin) / 1_000_000,
                            (echoed - connected) / 1_000_000, (closed - echoed) / 1_000_000);
                }
                cycles.increment();
                if (secure) {
                    secureCycles.increment();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.increment();
                System.err.println(LocalTime.now() + " churn cycle failed after " + (System.nanoTime() - begin)
                        / 1_000_000 + " ms: " + e);
            }
        }
    }

    /**
     * Waits for every worker to finish its last cycle.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void join() throws InterruptedException {
        for (Thread worker : workers) {
            worker.join();
        }
    }

    long cycles() {
        return cycles.sum();
    }

    long secureCycles() {
        return secureCycles.sum();
    }

    /** {@return the cycles that took longer than a second} */
    long slowCycles() {
        return slowCycles.sum();
    }

    long failures() {
        return failures.sum();
    }
}
