package io.stormsocket.core;

/**
 * A handle to an event subscription. Closing it removes the handler; closing twice is harmless.
 *
 * <pre>{@code
 * Subscription sub = server.onDataReceived((session, data) -> log(data.text()));
 * ...
 * sub.close(); // no more calls to that handler
 * }</pre>
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /** Unsubscribes the handler. Events already being delivered may still reach it. */
    @Override
    void close();
}
