package io.stormsocket.websocket;

/**
 * Decides at once whether to accept an upgrade request. Runs on the connection's event loop and
 * must not block; see {@link HandshakeHandler} for decisions that take time.
 *
 * @see StormWebSocketServer#onConnecting(SyncHandshakeHandler)
 */
@FunctionalInterface
public interface SyncHandshakeHandler {
    /**
     * Decides on one upgrade request.
     *
     * @param request the request
     * @return the decision
     * @throws Exception rejects the upgrade with 500
     */
    HandshakeDecision onConnecting(HandshakeRequest request) throws Exception;
}
