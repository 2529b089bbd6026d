package io.stormsocket.websocket;

import io.stormsocket.core.Session;

/**
 * Receives the messages of WebSocket sessions. Runs where the session's events run (its event loop
 * or the handler executor), one message at a time per session, in order. The message is lent for
 * the call: {@link WebSocketMessage#retain() retain} it to keep it.
 */
@FunctionalInterface
public interface MessageHandler {
    /**
     * Handles one message.
     *
     * @param session the session it arrived on
     * @param message the message, lent
     * @throws Exception reported to {@code onError}
     */
    void onMessage(Session session, WebSocketMessage message) throws Exception;
}
