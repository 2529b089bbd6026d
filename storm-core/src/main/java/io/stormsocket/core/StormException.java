package io.stormsocket.core;

/**
 * Root of every exception Storm raises or completes a future with. Unchecked; each failure kind has
 * its own subclass so callers can tell them apart with {@code instanceof}.
 */
public class StormException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, in words a user can act on
     */
    public StormException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public StormException(String message, Throwable cause) {
        super(message, cause);
    }
}
