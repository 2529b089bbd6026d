package io.stormsocket.core;

/**
 * A client could not connect: the peer refused, the connect timeout elapsed, or the address could
 * not be resolved. The cause carries the transport's own exception.
 */
public final class ConnectFailedException extends StormException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message where the client tried to connect and why it failed
     * @param cause the transport's exception
     */
    public ConnectFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
