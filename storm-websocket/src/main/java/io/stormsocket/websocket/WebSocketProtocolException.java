package io.stormsocket.websocket;

import io.stormsocket.core.ProtocolException;

/**
 * A WebSocket peer broke RFC 6455 or RFC 7692, or exceeded a limit: the connection was failed with
 * the Close code {@link #closeCode()} (1002 protocol error, 1007 invalid payload, 1009 too big)
 * and the session closes with reason {@link io.stormsocket.core.CloseReason#PROTOCOL_ERROR}.
 */
public final class WebSocketProtocolException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** The Close code sent to the peer. */
    private final int closeCode;

    /**
     * Creates the exception.
     *
     * @param closeCode the Close code sent to the peer
     * @param message what the peer did
     */
    public WebSocketProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /** {@return the Close code sent to the peer} */
    public int closeCode() {
        return closeCode;
    }
}
