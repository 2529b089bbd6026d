package io.stormsocket.core;

/**
 * Called once when a session is open: before any {@link DataHandler} call for it.
 *
 * <p>Threading: on the session's event loop, or on the configured handler executor; never
 * concurrently with another event of the same session. Must not block the event loop.
 */
@FunctionalInterface
public interface ConnectedHandler {
    /**
     * Handles a new session.
     *
     * @param session the session that opened
     * @throws Exception reported to {@code onError}; the session stays open
     */
    void onConnected(Session session) throws Exception;
}
