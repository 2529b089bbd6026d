package io.stormsocket.rpc;

/**
 * Raised on the receiving side for a message or request whose type has no handler (or whose type tag is not registered); the sender gets it as a {@link RemoteException} whose {@link RemoteException#remoteType()} is this class's name.
 */
public final class NoHandlerException extends RpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public NoHandlerException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public NoHandlerException(String message, Throwable cause) {
        super(message, cause);
    }
}
