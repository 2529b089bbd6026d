package io.stormsocket.core;

/**
 * A connection's opening handshake failed: a PROXY protocol header, or a protocol's handshake such
 * as the WebSocket upgrade. The session never opens; a server reports the failure to
 * {@code onError}; a client's connect fails with a {@link ConnectFailedException} caused by it.
 */
public class HandshakeException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public HandshakeException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public HandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
