package io.stormsocket.rpc;

import io.stormsocket.core.Session;

/**
 * Handles one-way messages of one type.
 *
 * <p>Threading: called on the session's event loop (or Storm's handler executor), in arrival
 * order; must not block. An exception is reported to the server's or client's {@code onError}.
 *
 * @param <M> the message type
 */
@FunctionalInterface
public interface MessageHandler<M> {
    /**
     * Handles a message.
     *
     * @param session the session it came from
     * @param message the deserialized message
     * @throws Exception reported to {@code onError}
     */
    void onMessage(Session session, M message) throws Exception;
}
