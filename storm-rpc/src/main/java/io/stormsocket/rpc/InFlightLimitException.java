package io.stormsocket.rpc;

/**
 * A request was refused at once because its session already has the maximum number of requests pending.
 */
public final class InFlightLimitException extends RpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public InFlightLimitException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public InFlightLimitException(String message, Throwable cause) {
        super(message, cause);
    }
}
