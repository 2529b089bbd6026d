package io.stormsocket.core;

import java.time.Duration;

/**
 * Called each time a {@link StormClient} schedules a reconnect attempt, before the delay starts.
 *
 * <pre>{@code
 * client.onReconnecting((attempt, delay) -> log.info("reconnect #{} in {}", attempt, delay));
 * }</pre>
 *
 * <p>Threading: on one of the client's event loops, never concurrently with another
 * {@code onReconnecting} or {@code onReconnectFailed} call of the same client, and in attempt
 * order. Must not block. A handler that throws is logged; the attempt goes ahead anyway.
 */
@FunctionalInterface
public interface ReconnectingHandler {
    /**
     * Handles a scheduled reconnect attempt.
     *
     * @param attempt the attempt number since the connection was lost: 1, 2, 3, ...
     * @param delay how long the client waits before the attempt, jitter included
     * @throws Exception logged and otherwise ignored
     */
    void onReconnecting(int attempt, Duration delay) throws Exception;
}
