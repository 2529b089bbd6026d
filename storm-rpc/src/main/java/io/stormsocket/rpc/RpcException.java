package io.stormsocket.rpc;

import io.stormsocket.core.StormException;

/**
 * Base of the failures of Storm RPC and of the correlation layer.
 */
public class RpcException extends StormException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public RpcException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public RpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
