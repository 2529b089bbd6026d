package io.stormsocket.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.VoidChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Payload;
import io.stormsocket.core.SendBufferFullException;
import io.stormsocket.core.SendResult;
import io.stormsocket.core.SessionClosedException;
import io.stormsocket.core.SlowConsumerPolicy;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.spi.ProtocolConnection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;

/**
 * A session's send path: sending middleware, framing on the sending thread, the slow-consumer
 * policy and hard cap, write/flush (one flush per read batch for replies from handlers), and the
 * accounting of unwritten bytes.
 *
 * <p>Replies sent from handlers on the event loop during a read batch (an echo, a response) are
 * written as a hand-written Netty handler writes them: without a promise each. One promise, on an
 * empty buffer written and flushed after them when the batch ends, settles them all, and they
 * share its future: Netty writes in order, so that promise succeeds only once every reply before
 * it is written, and fails when the connection fails. This applies to frames encoded to plain
 * buffers, which no handler refuses one by one; a protocol's holders (a WebSocket message still to
 * be compressed) and sends from other threads each keep their own promise.
 *
 * <p>Threading: {@link #write} and the admission check run on any thread ({@code queuedSendBytes}
 * is atomic, {@code policy} volatile); {@code inReadBatch} and {@code flushPending} belong to the
 * event loop; completions run on the event loop.
 */
final class SessionWriter implements SendPromise.Settlement {
    private static final StormFuture<SendResult> DROPPED = StormFuture.succeeded(SendResult.DROPPED);

    /** The outcome of offering data to a session. */
    enum Admission { ACCEPTED, DROPPED, DISCONNECTED, FULL, CLOSED }

    private final DefaultSession session;
    private final Channel channel;
    private final EventLoop loop;
    private final MiddlewareChain middleware;
    private final OutboundEncoder encoder;
    /** The wire protocol's encoder for this session, replacing {@code encoder}; or null. */
    private final ProtocolConnection protocol;
    private final SessionStats stats;
    private final long maxQueuedSendBytes;
    /** Bytes accepted by sends and not yet written (or failed); any thread. */
    // Updated through QUEUED_SEND_BYTES: a plain field costs a session less than an AtomicLong.
    private volatile long queuedSendBytes;
    private static final VarHandle QUEUED_SEND_BYTES;

    static {
        try {
            QUEUED_SEND_BYTES = MethodHandles.lookup().findVarHandle(SessionWriter.class, "queuedSendBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private volatile SlowConsumerPolicy policy;
    /** True between the first frame of a read batch and channelReadComplete. Event loop only. */
    private boolean inReadBatch;
    /** A send during the read batch wrote without flushing; the batch's end flushes. Event loop only. */
    private boolean flushPending;
    /** Writes whose failure is reported by the batch's settling promise instead. */
    private final ChannelPromise unsettled;
    /** The shared result of this read batch's replies, or null before the first. Event loop only. */
    private StormFuture.Promise<SendResult> batchResult;
    /** Bytes and frames of this read batch's replies. Event loop only. */
    private long batchBytes;
    private int batchFrames;

    SessionWriter(DefaultSession session, Channel channel, MiddlewareChain middleware, SessionSettings settings,
                  SessionStats stats, ProtocolConnection protocol) {
        this.session = session;
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.middleware = middleware;
        this.encoder = new OutboundEncoder(settings.codec());
        this.protocol = protocol;
        this.stats = stats;
        this.maxQueuedSendBytes = settings.maxQueuedSendBytes();
        this.policy = settings.slowConsumerPolicy();
        this.unsettled = new VoidChannelPromise(channel, false);
    }

    SlowConsumerPolicy policy() {
        return policy;
    }

    void policy(SlowConsumerPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    long pendingBytes() {
        return queuedSendBytes;
    }

    /** A frame of a new read batch is being dispatched. Event loop. */
    void readBatchStarted() {
        inReadBatch = true;
    }

    /**
     * The read batch ended (or the connection did): flush what its handlers sent, settling their
     * shared result. Event loop.
     */
    void readBatchEnded() {
        inReadBatch = false;
        StormFuture.Promise<SendResult> result = batchResult;
        if (result != null) {
            batchResult = null;
            flushPending = false;
            ChannelPromise settle = new SendPromise(channel, this, result, batchBytes, batchFrames);
            batchBytes = 0;
            batchFrames = 0;
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER, settle);
        } else if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    StormFuture<SendResult> write(Object message, boolean flush) {
        if (!session.isOpen()) {
            ReferenceCountUtil.release(message);
            return StormFuture.failed(closedFailure());
        }
        Object encoded;
        try {
            if (protocol != null) {
                Object outgoing = middleware.isEmpty() ? message : throughProtocolMiddleware(message);
                if (outgoing == null) {
                    return DROPPED;
                }
                encoded = protocol.encode(outgoing, channel.alloc());
            } else {
                Object outgoing = middleware.isEmpty() ? message : throughMiddleware(message);
                if (outgoing == null) {
                    return DROPPED;
                }
                encoded = encode(outgoing);
            }
        } catch (Exception e) {
            return StormFuture.failed(e);
        }
        int size = sizeOf(encoded);
        Admission admission = admit(size);
        if (admission != Admission.ACCEPTED) {
            ReferenceCountUtil.release(encoded);
            return refused(admission, size);
        }
        if (flush && inReadBatch && encoded instanceof ByteBuf && loop.inEventLoop()) {
            return writeInReadBatch(encoded, size);
        }
        StormFuture.Promise<SendResult> promise = StormFuture.promise();
        ChannelPromise channelPromise = new SendPromise(channel, this, promise, size, 1);
        if (flush) {
            writeAndFlush(encoded, channelPromise);
        } else {
            channel.write(encoded, channelPromise);
        }
        return promise.future();
    }

    /** Writes a reply of the current read batch; the batch's end flushes and settles it. Event loop. */
    private StormFuture<SendResult> writeInReadBatch(Object encoded, int size) {
        channel.write(encoded, unsettled);
        batchBytes += size;
        batchFrames++;
        StormFuture.Promise<SendResult> result = batchResult;
        if (result == null) {
            result = StormFuture.promise();
            batchResult = result;
        }
        return result.future();
    }

    /**
     * Takes a reference to a lent buffer for a send: the buffer itself when framing copies it
     * (an echo then costs no derived buffer), a duplicate with its own indices otherwise.
     */
    Object lentForSend(ByteBuf buf) {
        return protocol == null && middleware.isEmpty() && encoder.framesByCopy(buf.readableBytes())
                ? buf.retain() : buf.retainedDuplicate();
    }

    /**
     * Writes and flushes one broadcast frame, owning it: the frame is written or released. Called
     * on this session's event loop.
     */
    Admission offerBroadcast(Object frame) {
        int size = sizeOf(frame);
        Admission admission = admit(size);
        if (admission != Admission.ACCEPTED) {
            ReferenceCountUtil.release(frame);
            return admission;
        }
        ChannelPromise channelPromise = new SendPromise(channel, this, null, size, 1);
        writeAndFlush(frame, channelPromise);
        return admission;
    }

    /**
     * Writes and flushes, except that a send made on the event loop while this session's read
     * batch is being dispatched (an echo or a reply from a handler) only writes: the batch's end
     * flushes once for all of them, as a hand-written Netty handler flushing in
     * channelReadComplete would.
     */
    private void writeAndFlush(Object message, ChannelPromise promise) {
        if (loop.inEventLoop() && inReadBatch) {
            channel.write(message, promise);
            flushPending = true;
        } else {
            channel.writeAndFlush(message, promise);
        }
    }

    /** {@return the bytes an encoded send counts for: a buffer's, or a protocol holder's content's} */
    private static int sizeOf(Object encoded) {
        return encoded instanceof ByteBufHolder holder ? holder.content().readableBytes() : ((ByteBuf) encoded).readableBytes();
    }

    /** What a send may do now, applying the slow-consumer policy and the hard cap. Any thread. */
    private Admission admit(int size) {
        if (!session.isOpen()) {
            return Admission.CLOSED;
        }
        if (!channel.isWritable()) {
            SlowConsumerPolicy current = policy;
            if (current == SlowConsumerPolicy.DROP) {
                return Admission.DROPPED;
            }
            if (current == SlowConsumerPolicy.DISCONNECT) {
                session.close(CloseReason.SLOW_CONSUMER, false);
                return Admission.DISCONNECTED;
            }
        }
        long queued = addQueued(size);
        if (queued > maxQueuedSendBytes && queued != size) {
            addQueued(-size);
            return Admission.FULL;
        }
        return Admission.ACCEPTED;
    }

    private StormFuture<SendResult> refused(Admission admission, int size) {
        return switch (admission) {
            case DROPPED -> DROPPED;
            case DISCONNECTED -> StormFuture.failed(new SessionClosedException(
                    "session " + session.id() + " was disconnected as a slow consumer"));
            case FULL -> StormFuture.failed(new SendBufferFullException("session " + session.id() + " already holds "
                    + queuedSendBytes + " unwritten bytes; a send of " + size + " would pass the cap of "
                    + maxQueuedSendBytes));
            default -> StormFuture.failed(closedFailure());
        };
    }

    SessionClosedException closedFailure() {
        return new SessionClosedException("cannot send: session " + session.id() + " is " + session.state());
    }

    /**
     * Runs the sending middleware over an unframed message; returns what to encode (a buffer or a
     * typed frame), or {@code null} when a stage suppressed it.
     */
    private Object throughMiddleware(Object message) throws Exception {
        Object unframed = message;
        if (message instanceof String text) {
            unframed = ByteBufUtil.writeUtf8(channel.alloc(), text);
        } else if (message instanceof byte[] bytes) {
            unframed = channel.alloc().buffer(bytes.length).writeBytes(bytes);
        } else if (message instanceof ByteBuffer buffer) {
            unframed = channel.alloc().buffer(buffer.remaining()).writeBytes(buffer.duplicate());
        }
        Payload result = middleware.sending(session, Payload.wrap(unframed));
        return result == null ? null : result.frame();
    }

    /** Like {@link #throughMiddleware}, but the stages see the protocol's message (text stays text). */
    private Object throughProtocolMiddleware(Object message) throws Exception {
        Payload result = middleware.sending(session, Payload.wrap(protocol.message(message, channel.alloc())));
        return result == null ? null : result.frame();
    }

    private ByteBuf encode(Object message) {
        if (message instanceof String text) {
            return encoder.encode(text, channel.alloc());
        }
        if (message instanceof byte[] bytes) {
            return encoder.encode(bytes, channel.alloc());
        }
        if (message instanceof ByteBuffer buffer) {
            return encoder.encode(buffer, channel.alloc());
        }
        if (message instanceof ByteBuf buf) {
            return encoder.encode(buf, channel.alloc());
        }
        return encoder.encodeFrame(message, channel.alloc());
    }

    /** {@return the unwritten bytes after adding {@code delta}} */
    private long addQueued(long delta) {
        return (long) QUEUED_SEND_BYTES.getAndAdd(this, delta) + delta;
    }

    // ---- settling writes: unwritten-byte accounting, metrics, and the send's future if any (event loop)

    @Override
    public void written(SendPromise write) {
        addQueued(-write.size);
        stats.addFramesOut(write.frames);
        if (write.result != null) {
            write.result.succeed(SendResult.WRITTEN);
        }
    }

    @Override
    public void failed(SendPromise write, Throwable cause) {
        addQueued(-write.size);
        if (write.result != null) {
            write.result.fail(cause instanceof ClosedChannelException || !channel.isActive()
                    ? new SessionClosedException("session " + session.id() + " closed before the data was written",
                            cause)
                    : cause);
        }
    }
}
