package io.stormsocket.websocket;

import java.util.concurrent.CompletionStage;

/**
 * Decides whether to accept an upgrade request, asynchronously if need be (a token check against a
 * remote service, say). Runs on the connection's event loop: a handler that must block returns a
 * stage completed elsewhere. An exception, or a stage that fails, rejects the upgrade with 500 and
 * is reported to {@code onError}; a stage that does not complete within the handshake timeout
 * closes the connection.
 *
 * @see StormWebSocketServer#onConnectingAsync(HandshakeHandler)
 */
@FunctionalInterface
public interface HandshakeHandler {
    /**
     * Decides on one upgrade request.
     *
     * @param request the request
     * @return the decision, now or later
     * @throws Exception rejects the upgrade with 500 (reported to {@code onError})
     */
    CompletionStage<HandshakeDecision> onConnecting(HandshakeRequest request) throws Exception;
}
