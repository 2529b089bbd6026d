package io.stormsocket.core;

/**
 * The events every Storm server and client raises. All are multicast: each {@code onX} call adds a
 * subscriber and returns a {@link Subscription} that removes it; subscribers run in registration
 * order.
 *
 * <p>The contract, for one session: {@code onConnected} happens before any {@code onDataReceived};
 * no two events run at the same time; {@code onDisconnected} runs exactly once, with a reason, and
 * nothing follows it. Events run on the session's event loop, or on the configured handler
 * executor. A handler that throws is reported to {@code onError} and never breaks the connection,
 * the event loop or other handlers.
 */
public interface SessionEvents {
    /**
     * Subscribes to new sessions.
     *
     * @param handler called once per session when it opens
     * @return the subscription
     */
    Subscription onConnected(ConnectedHandler handler);

    /**
     * Subscribes to received frames.
     *
     * @param handler called for every frame, with a lent payload
     * @return the subscription
     */
    Subscription onDataReceived(DataHandler handler);

    /**
     * Subscribes to received frames of one type, for typed codecs.
     *
     * @param type the frame class; frames of other types are skipped by this handler
     * @param handler called for every frame of that type
     * @param <F> the frame type
     * @return the subscription
     */
    <F> Subscription onFrameReceived(Class<F> type, FrameHandler<? super F> handler);

    /**
     * Subscribes to ended sessions.
     *
     * @param handler called exactly once per session that was connected
     * @return the subscription
     */
    Subscription onDisconnected(DisconnectedHandler handler);

    /**
     * Subscribes to errors.
     *
     * @param handler called for protocol, transport and handler failures
     * @return the subscription
     */
    Subscription onError(ErrorHandler handler);

    /**
     * Subscribes to idle timeouts.
     *
     * @param handler called when an idle timeout elapses
     * @return the subscription
     */
    Subscription onIdle(IdleHandler handler);
}
