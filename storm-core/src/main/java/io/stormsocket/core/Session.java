package io.stormsocket.core;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Flow;

/**
 * One connection, on a server or a client.
 *
 * <p>Sending: every {@code send} is thread-safe, frames the data with the session's codec and
 * returns a future that completes with {@link SendResult#WRITTEN} once the bytes are handed to the
 * socket. While the session is backpressured ({@link #isBackpressured()}), its
 * {@link SlowConsumerPolicy} decides: wait, drop ({@link SendResult#DROPPED}) or disconnect; past
 * the hard cap of unwritten bytes a send fails fast with {@link SendBufferFullException}. Sends
 * of one session are never interleaved or reordered. A send on a closed or closing session does
 * not throw: its future fails with {@link SessionClosedException} and any buffer given
 * is released. {@code queue} writes without flushing; {@link #flush()} pushes queued writes out, so
 * a batch costs one system call. Replies sent from a handler on the event loop while a read batch
 * is dispatched are flushed together when the batch ends, and (unless a protocol still has to
 * transform them, as WebSocket compression does) they share one future, which completes once the
 * last of them is written (or fails if the connection fails first).
 *
 * <p>Receiving, three ways that can be combined:
 * <ul>
 *   <li>push: {@code onDataReceived} handlers on the server or client (the default, active mode);</li>
 *   <li>pull: {@link #receive()} returns a future of the next frame;</li>
 *   <li>streaming: {@link #frames()} is a {@link Flow.Publisher} whose demand drives socket reads.</li>
 * </ul>
 * In passive mode ({@link #passive(boolean)}) reading happens only on demand from {@code receive()}
 * or {@code frames()}, and push handlers are not called. In active mode a frame that arrives while
 * no handler is subscribed and no {@code receive()} waits is discarded; to pull every frame, switch
 * to passive mode in {@code onConnected}.
 *
 * <p>Threading: the session's state lives on its event loop ({@link #channel()}'s); every method
 * here may be called from any thread.
 */
public interface Session {
    /**
     * Returns the session's id: unique within its server or client, increasing in connect order.
     *
     * @return the id
     */
    long id();

    /**
     * Returns the lifecycle state.
     *
     * @return the current state
     */
    SessionState state();

    /**
     * Tells whether the session accepts sends.
     *
     * @return {@code true} while {@link #state()} is {@link SessionState#OPEN} or connecting
     */
    boolean isOpen();

    /**
     * Returns the peer's address: the real client's address when the server reads PROXY protocol
     * headers, otherwise the socket's.
     *
     * @return the remote address
     */
    SocketAddress remoteAddress();

    /**
     * Returns the local address of the connection.
     *
     * @return the local address
     */
    SocketAddress localAddress();

    /**
     * Returns the session's traffic counters.
     *
     * @return live metrics
     */
    SessionMetrics metrics();

    /**
     * Returns why the session closed, once it has.
     *
     * @return the close reason, absent while open
     */
    Optional<CloseReason> closeReason();

    /**
     * Returns a future that completes with the close reason when the session has closed and its
     * {@code onDisconnected} handlers have been called.
     *
     * @return the close future
     */
    StormFuture<CloseReason> closeFuture();

    // ---- backpressure and groups

    /**
     * Tells whether more than {@code maxPendingSendBytes} wait to be written (Netty's write-buffer
     * high water mark); it clears once the backlog falls to half. While backpressured, sends follow
     * the session's {@link SlowConsumerPolicy}.
     *
     * @return {@code true} while the peer reads slower than the session writes
     */
    boolean isBackpressured();

    /** {@return the bytes accepted by sends that are not written yet} */
    long pendingSendBytes();

    /** {@return the policy applied to sends while backpressured} */
    SlowConsumerPolicy slowConsumerPolicy();

    /**
     * Overrides the server's or client's slow-consumer policy for this session.
     *
     * @param policy the policy
     */
    void slowConsumerPolicy(SlowConsumerPolicy policy);

    /** {@return the names of the groups this session is in; always empty for a client's session} */
    Set<String> groups();

    /**
     * Joins a group of this session's server; see {@link SessionGroups#join(String, Session)}.
     *
     * @param group the group name
     * @return {@code true} if it joined; {@code false} if already a member, closed, or a client's session
     */
    boolean join(String group);

    /**
     * Leaves a group.
     *
     * @param group the group name
     * @return {@code true} if it was a member
     */
    boolean leave(String group);

    // ---- attributes

    /**
     * Reads a user attribute.
     *
     * @param key the typed key
     * @param <T> the value type
     * @return the value, absent if not set
     */
    <T> Optional<T> attribute(SessionKey<T> key);

    /**
     * Sets a user attribute, replacing any previous value.
     *
     * @param key the typed key
     * @param value the value, not null
     * @param <T> the value type
     */
    <T> void attribute(SessionKey<T> key, T value);

    /**
     * Removes a user attribute.
     *
     * @param key the typed key
     * @param <T> the value type
     * @return the removed value, absent if none was set
     */
    <T> Optional<T> removeAttribute(SessionKey<T> key);

    // ---- sending

    /**
     * Sends bytes as one frame. The array may be reused as soon as this returns.
     *
     * @param data the payload
     * @return completes when written, or fails
     */
    StormFuture<SendResult> send(byte[] data);

    /**
     * Sends text, encoded as UTF-8, as one frame.
     *
     * @param text the payload
     * @return completes when written, or fails
     */
    StormFuture<SendResult> send(String text);

    /**
     * Sends the remaining bytes of a buffer as one frame; its position is not changed and it may be
     * reused as soon as this returns.
     *
     * @param data the payload
     * @return completes when written, or fails
     */
    StormFuture<SendResult> send(ByteBuffer data);

    /**
     * Sends a Netty buffer as one frame, without copying where possible. Storm owns the buffer from
     * now on and releases it, whatever happens.
     *
     * @param data the payload; do not touch or release it afterwards
     * @return completes when written, or fails
     */
    StormFuture<SendResult> send(ByteBuf data);

    /**
     * Sends a received payload (echo), without copying. The payload itself stays valid and is still
     * released as usual.
     *
     * @param data a payload from this or another session
     * @return completes when written, or fails
     */
    StormFuture<SendResult> send(Payload data);

    /**
     * Sends a typed frame through the session's codec.
     *
     * @param frame a frame of the codec's {@link io.stormsocket.core.codec.FrameCodec#frameType()}
     * @return completes when written, or fails (also when the frame has the wrong type)
     */
    StormFuture<SendResult> sendFrame(Object frame);

    /**
     * Queues bytes as one frame without flushing; see {@link #flush()}.
     *
     * @param data the payload
     * @return completes when written by a later flush, or fails
     */
    StormFuture<SendResult> queue(byte[] data);

    /**
     * Queues text as one frame without flushing; see {@link #flush()}.
     *
     * @param text the payload
     * @return completes when written by a later flush, or fails
     */
    StormFuture<SendResult> queue(String text);

    /**
     * Queues a Netty buffer as one frame without flushing; Storm owns the buffer from now on.
     *
     * @param data the payload
     * @return completes when written by a later flush, or fails
     */
    StormFuture<SendResult> queue(ByteBuf data);

    /**
     * Queues a typed frame without flushing.
     *
     * @param frame a frame of the codec's type
     * @return completes when written by a later flush, or fails
     */
    StormFuture<SendResult> queueFrame(Object frame);

    /** Writes everything queued so far to the socket. */
    void flush();

    // ---- receiving

    /**
     * Returns a future of the next frame this session receives. In active mode the frame also goes
     * to the push handlers; in passive mode it is read on demand and goes only to the puller.
     * Cancelling the future gives up the claim on the next frame; a caller that stops waiting
     * ({@code get} with a timeout) must cancel it, or use {@link #receive(Duration)}.
     *
     * <p>Resources: the payload is owned by the caller, who must close it.
     *
     * @return the next frame; fails with {@link SessionClosedException} if the session closes first
     */
    StormFuture<Payload> receive();

    /**
     * Like {@link #receive()}, but gives up after a timeout: the future then fails with a
     * {@link java.util.concurrent.CancellationException} and the next frame stays available.
     *
     * @param timeout how long to wait
     * @return the next frame
     */
    StormFuture<Payload> receive(Duration timeout);

    /**
     * Returns the session's frames as a reactive stream. Subscribing switches the session to passive
     * mode: the socket is read only while the subscriber has outstanding demand, so a slow
     * subscriber slows the peer through TCP flow control. Cancelling returns the session to active
     * mode. One subscriber at a time; the stream completes when the session closes.
     *
     * <p>Resources: each payload is owned by the subscriber, who must close it. Signals arrive on
     * the session's event loop.
     *
     * @return a publisher of frames
     */
    Flow.Publisher<Payload> frames();

    /**
     * Switches between active mode (read continuously, push to handlers) and passive mode (read
     * only on demand from {@link #receive()} or {@link #frames()}).
     *
     * @param passive {@code true} for passive mode
     */
    void passive(boolean passive);

    /**
     * Tells whether the session is in passive mode.
     *
     * @return {@code true} in passive mode
     */
    boolean isPassive();

    /**
     * Stops reading from the socket until {@link #resumeReading()}; the peer is slowed by TCP flow
     * control once the OS buffers fill.
     */
    void pauseReading();

    /** Resumes reading after {@link #pauseReading()}. */
    void resumeReading();

    /**
     * Upgrades this live session to TLS (STARTTLS, as in SMTP or XMPP): frames sent before the call
     * go out in plaintext, in order; everything after is encrypted. Bytes the peer sent after the
     * last plaintext frame go to TLS, never to the frame codec. Call it on the server after
     * sending the last plaintext reply (for example "OK, go ahead"), and on the client after
     * receiving it.
     *
     * @param tls the TLS hook, typically storm-ssl's options
     * @return completes when the handshake has succeeded; fails with its cause, and the session is
     *     then closed with {@link CloseReason#TLS_ERROR}
     */
    StormFuture<Void> startTls(io.stormsocket.core.spi.TlsHandlerFactory tls);

    // ---- closing

    /**
     * Closes gracefully: writes already queued are flushed first, then the connection is closed
     * with {@link CloseReason#LOCAL_CLOSE}.
     *
     * @return completes with the close reason once closed
     */
    StormFuture<CloseReason> close();

    /**
     * Closes immediately with a TCP reset, discarding unwritten data; reason
     * {@link CloseReason#ABORTED}.
     *
     * @return completes with the close reason once closed
     */
    StormFuture<CloseReason> abort();

    /**
     * Closes gracefully, reporting the given reason to {@code onDisconnected}: for example
     * {@link CloseReason#PROTOCOL_ERROR} when the application rejects what the peer sent.
     *
     * @param reason the reason to report
     * @return completes with the reason that was reported (the first, if a close was already under way)
     */
    StormFuture<CloseReason> close(CloseReason reason);

    /**
     * Closes immediately with a TCP reset, reporting the given reason.
     *
     * @param reason the reason to report
     * @return completes with the reason that was reported (the first, if a close was already under way)
     */
    StormFuture<CloseReason> abort(CloseReason reason);

    /**
     * Returns the Netty channel under this session: an escape hatch for what Storm does not cover.
     * Adding handlers or changing its configuration may break Storm's guarantees.
     *
     * @return the channel
     */
    Channel channel();
}
