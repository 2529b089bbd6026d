package io.stormsocket.core;

/**
 * Called for every frame a session receives, in order, after {@link ConnectedHandler} and before
 * {@link DisconnectedHandler}.
 *
 * <p>Resources: the payload is lent for this call only; Storm releases it when the call returns.
 * Use {@link Payload#retain()} to keep it, or copy it with {@link Payload#bytes()} /
 * {@link Payload#text()}.
 *
 * <p>Threading: as {@link ConnectedHandler}.
 */
@FunctionalInterface
public interface DataHandler {
    /**
     * Handles one received frame.
     *
     * @param session the receiving session
     * @param data the frame, lent for this call
     * @throws Exception reported to {@code onError}; the session stays open
     */
    void onData(Session session, Payload data) throws Exception;
}
