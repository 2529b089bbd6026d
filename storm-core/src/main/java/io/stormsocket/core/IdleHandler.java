package io.stormsocket.core;

/**
 * Called when one of the session's {@link IdleTimeouts} elapses, before Storm closes the session
 * for reader and all idleness. Threading: as {@link ConnectedHandler}.
 */
@FunctionalInterface
public interface IdleHandler {
    /**
     * Handles idleness.
     *
     * @param session the idle session
     * @param kind which timeout elapsed
     * @throws Exception reported to {@code onError}
     */
    void onIdle(Session session, IdleKind kind) throws Exception;
}
