package io.stormsocket.rpc;

/**
 * The peer's handler failed the request: carries the remote exception's type name and message
 * (and its stack trace text when the peer enabled {@link RpcOptions#sendStackTraces()}).
 * No class is loaded for the remote type; it is only a name.
 */
public final class RemoteException extends RpcException {
    private static final long serialVersionUID = 1L;

    /** The class name of the exception thrown on the peer. */
    private final String remoteType;
    /** The remote exception's message, possibly empty. */
    private final String remoteMessage;

    /**
     * Creates the exception.
     *
     * @param remoteType the class name of the exception thrown on the peer
     * @param remoteMessage its message (and stack trace text, if the peer sends them); may be empty
     */
    public RemoteException(String remoteType, String remoteMessage) {
        super(remoteType + (remoteMessage.isEmpty() ? "" : ": " + remoteMessage));
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
    }

    /**
     * Returns the class name of the exception the peer's handler threw.
     *
     * @return the remote type name
     */
    public String remoteType() {
        return remoteType;
    }

    /**
     * Returns the remote exception's message, possibly empty.
     *
     * @return the remote message
     */
    public String remoteMessage() {
        return remoteMessage;
    }
}
