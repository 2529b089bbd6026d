package io.stormsocket.core;

/**
 * The peer sent bytes that break the session's framing or protocol. The session is closed with
 * {@link CloseReason#PROTOCOL_ERROR} after this is reported to {@code onError}.
 */
public class ProtocolException extends StormException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the peer did wrong
     */
    public ProtocolException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause, for example the exception a user codec threw.
     *
     * @param message what the peer did wrong
     * @param cause the underlying failure
     */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
