package io.stormsocket.core;

/**
 * A send, receive or other operation was attempted on a session that is closed or closing, or the
 * session closed before the operation could complete. Any buffer handed to the failed send has been
 * released.
 */
public final class SessionClosedException extends StormException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which operation failed and on which session
     */
    public SessionClosedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the transport's own failure as cause.
     *
     * @param message which operation failed and on which session
     * @param cause the transport's exception
     */
    public SessionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
