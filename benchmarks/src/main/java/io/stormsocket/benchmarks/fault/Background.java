package io.stormsocket.benchmarks.fault;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An attacker loop on its own thread: repeats a step until stopped, and rethrows the step's
 * failure from {@link #stop}.
 */
final class Background {
    /** One step of the loop. */
    @FunctionalInterface
    interface Step {
        /** {@return whether to go on: false ends the loop (the attacker has nothing left to do)} */
        boolean run() throws Exception;
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private Background() {
    }

    /** Starts {@code step} looping on a new daemon thread named {@code name}. */
    static Background loop(String name, Step step) {
        Background background = new Background();
        Thread thread = new Thread(() -> {
            try {
                while (background.running.get() && step.run()) {
                    // next step
                }
                background.done.complete(null);
            } catch (Throwable t) {
                background.done.completeExceptionally(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return background;
    }

    /** Ends the loop and waits for it; rethrows what the loop failed with. */
    void stop() throws Exception {
        running.set(false);
        done.get(FaultTarget.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits for a loop that ends by itself within {@code planned}, then stops it.
     *
     * @param planned how long the loop was meant to run
     */
    void stop(Duration planned) throws Exception {
        done.get(planned.plus(FaultTarget.TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
    }
}
