package io.stormsocket.core;

/**
 * Called exactly once when a session that was connected has ended, with the reason; no other event
 * of that session follows. Threading: as {@link ConnectedHandler}.
 */
@FunctionalInterface
public interface DisconnectedHandler {
    /**
     * Handles the end of a session.
     *
     * @param session the closed session; its sends fail from now on
     * @param reason why it closed
     * @throws Exception reported to {@code onError}
     */
    void onDisconnected(Session session, CloseReason reason) throws Exception;
}
