package io.stormsocket.benchmarks.soak;

import io.stormsocket.core.StormClient;
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

    private final LongAdder cycles = new LongAdder();
    private final LongAdder secureCycles = new LongAdder();
    private final LongAdder failures = new LongAdder();
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
            try (StormClient client = factory.create(secure ? securePort : plainPort, secure, reply::complete)) {
                client.connect().get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                client.send(text);
                if (!text.equals(reply.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS))) {
                    throw new IllegalStateException("wrong echo");
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
                System.err.println("churn cycle failed: " + e);
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

    long failures() {
        return failures.sum();
    }
}
