package io.stormsocket.websocket;

import java.util.Optional;

/**
 * Answers plain HTTP requests that reach a WebSocket server without asking for an upgrade: serve a
 * page, a health check. An empty answer leaves the default, {@code 426 Upgrade Required}. Runs on
 * the event loop; must not block. The connection closes after the answer.
 */
@FunctionalInterface
public interface HttpHandler {
    /**
     * Answers one request.
     *
     * @param request the request (its subprotocol list is empty)
     * @return the answer, or empty for the default
     * @throws Exception answered with 500 and reported to {@code onError}
     */
    Optional<HttpAnswer> answer(HandshakeRequest request) throws Exception;
}
