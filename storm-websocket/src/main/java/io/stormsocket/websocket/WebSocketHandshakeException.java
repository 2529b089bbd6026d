package io.stormsocket.websocket;

import io.stormsocket.core.HandshakeException;

/**
 * The WebSocket upgrade failed: on a server, a malformed upgrade request (answered with the HTTP
 * status in {@link #status()}) or one that did not arrive in time; on a client, a response that is
 * not a valid acceptance of the request, or none in time. A client's connect fails with a
 * {@link io.stormsocket.core.ConnectFailedException} caused by it.
 */
public final class WebSocketHandshakeException extends HandshakeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status involved (sent by a server, received by a client), or 0 for none. */
    private final int status;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status involved, or 0
     * @param message what went wrong
     */
    public WebSocketHandshakeException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * Creates the exception with the failure that caused it, such as an application handler's.
     *
     * @param status the HTTP status involved, or 0
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public WebSocketHandshakeException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** {@return the HTTP status sent or received, or 0 when there was none (such as a timeout)} */
    public int status() {
        return status;
    }
}
