package io.stormsocket.core;

import java.util.Optional;

/**
 * A stage that sees every session event before the handlers do, and may transform or suppress
 * data in both directions. Middleware is configured as an ordered list on a server or client;
 * every hook has a no-op default, so an implementation overrides only what it needs.
 *
 * <pre>{@code
 * final class Logging implements Middleware {
 *     public void onConnected(Session session) {
 *         log.info("open {}", session.remoteAddress());
 *     }
 *     public void onDisconnected(Session session, CloseReason reason) {
 *         log.info("closed {}: {}", session.id(), reason);
 *     }
 * }
 * ServerConfig.builder().middleware(new Logging(), RateLimiter.builder().maxMessages(100).build());
 * }</pre>
 *
 * <p>Order: {@code onConnected}, {@code onDataReceived} and {@code onError} run in list order,
 * {@code onDisconnected} in reverse order, all before the corresponding event handlers.
 * {@code onDataSending} runs in list order on the sending thread for each single send; broadcasts,
 * encoded once for all recipients, do not pass through it.
 *
 * <p>Threading: the session hooks run where the session's handlers run (its event loop or the
 * handler executor), one at a time per session; they must not block an event loop. Frames pulled
 * in passive mode ({@link Session#receive()}, {@link Session#frames()}) bypass
 * {@code onDataReceived}.
 *
 * <p>Errors: an exception thrown by a hook is reported to {@code onError}; a failing
 * {@code onDataReceived} or {@code onDataSending} suppresses that frame.
 *
 * <p>Resources: a payload passed in is lent. To transform, return a new payload (Storm releases
 * both); to pass through, return the one given; to suppress, return {@link Optional#empty()}.
 */
public interface Middleware {

    /**
     * Called when a session opens, before the {@code onConnected} handlers.
     *
     * @param session the new session
     * @throws Exception reported to {@code onError}
     */
    default void onConnected(Session session) throws Exception {
    }

    /**
     * Called for every received frame before the data handlers.
     *
     * @param session the receiving session
     * @param data the frame, lent
     * @return the frame to pass on (the same, a new one, or empty to suppress it)
     * @throws Exception reported to {@code onError}; the frame is suppressed
     */
    default Optional<Payload> onDataReceived(Session session, Payload data) throws Exception {
        return Optional.of(data);
    }

    /**
     * Called for every single send, on the sending thread, before the data is framed. For byte
     * sends the payload holds the unframed bytes; for typed sends, the frame.
     *
     * @param session the sending session
     * @param data the outgoing data, lent
     * @return the data to send (the same, a new one, or empty to skip the send, which then
     *     completes with {@link SendResult#DROPPED})
     * @throws Exception the send fails with it
     */
    default Optional<Payload> onDataSending(Session session, Payload data) throws Exception {
        return Optional.of(data);
    }

    /**
     * Called when a session ends, in reverse list order, before the {@code onDisconnected} handlers.
     *
     * @param session the closed session
     * @param reason why it closed
     * @throws Exception reported to {@code onError}
     */
    default void onDisconnected(Session session, CloseReason reason) throws Exception {
    }

    /**
     * Called for every error, before the {@code onError} handlers. An exception thrown here is
     * logged.
     *
     * @param session the session
     * @param error the failure
     * @throws Exception logged
     */
    default void onError(Session session, Throwable error) throws Exception {
    }
}
