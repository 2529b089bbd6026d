package io.stormsocket.rpc;

/**
 * A request got no response within its timeout.
 */
public final class RequestTimeoutException extends RpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public RequestTimeoutException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public RequestTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
