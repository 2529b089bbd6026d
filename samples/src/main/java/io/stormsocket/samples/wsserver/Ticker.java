package io.stormsocket.samples.wsserver;

import io.stormsocket.core.Broadcaster;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Broadcasts {@code {"type":"tick","time":"..."}} to every session at a fixed rate.
 *
 * <p>Threading: ticks run on one daemon timer thread; a broadcast never blocks it (Storm encodes
 * the message once and hands it to each session's event loop).
 */
final class Ticker implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ws-server-ticker");
        thread.setDaemon(true);
        return thread;
    });

    Ticker(Broadcaster everyone, Duration every, Clock clock) {
        long millis = every.toMillis();
        timer.scheduleAtFixedRate(() -> everyone.broadcast(Events.tick(clock.instant())),
                millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
