package io.stormsocket.core;

/**
 * Called when something fails in a session: a protocol or codec error from the peer (the session is
 * then closed with {@link CloseReason#PROTOCOL_ERROR}), a transport failure, or an exception thrown
 * by another handler (the session stays open). An exception thrown here is logged, never
 * re-reported. Threading: as {@link ConnectedHandler}.
 *
 * <p>A failed handshake (a bad PROXY header, a TLS handshake failure) is reported here too, with a
 * session that never opened: it gets no {@code onConnected} or {@code onDisconnected}.
 * <p>Errors that belong to no session, such as a client giving up reconnecting, are not reported
 * here: see {@link ReconnectFailedHandler} and the future of {@link StormClient#connect()}.
 */
@FunctionalInterface
public interface ErrorHandler {
    /**
     * Handles a failure.
     *
     * @param session the session it happened in
     * @param error what failed
     */
    void onError(Session session, Throwable error);
}
