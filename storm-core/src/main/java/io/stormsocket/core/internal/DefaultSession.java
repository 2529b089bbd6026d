package io.stormsocket.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.IdleKind;
import io.stormsocket.core.Payload;
import io.stormsocket.core.SendResult;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionClosedException;
import io.stormsocket.core.SessionKey;
import io.stormsocket.core.SessionMetrics;
import io.stormsocket.core.SessionState;
import io.stormsocket.core.SlowConsumerPolicy;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.spi.ProtocolConnection;
import io.stormsocket.core.spi.TlsHandlerFactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session behind every Storm connection.
 *
 * <p>Threading: {@code state}, {@code closeReason} and {@code remoteOverride} are volatile and read
 * anywhere; every other mutable field ({@code pendingReason}, {@code readPauses}, {@code opened},
 * the {@link InboundFrames}) is touched only on the channel's event loop. Public methods may be
 * called from any thread and hop to the event loop where they touch confined state. Sends go
 * straight to the channel, which orders them.
 */
public final class DefaultSession implements Session {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultSession.class);
    private static final VarHandle GROUP_NAMES;

    static {
        try {
            GROUP_NAMES = MethodHandles.lookup().findVarHandle(DefaultSession.class, "groupNames", Set.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private static final int PAUSE_USER = 1;
    private static final int PAUSE_RECEIVE_BACKLOG = 2;
    private static final int PAUSE_PASSIVE = 4;
    /** How long a graceful close may wait for queued writes before the connection is reset. */
    static final Duration GRACEFUL_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final long id;
    private final Channel channel;
    private final EventLoop loop;
    private final EventHub hub;
    private final SessionWriter writer;
    private final EventInvoker invoker;
    private final SessionStats stats = new SessionStats();
    private final InboundFrames inbound;
    private final StormFuture.Promise<CloseReason> closePromise = StormFuture.promise();
    private final SessionListener listener;
    private final GroupMembership groups;
    /** The groups this session is in, made on the first join (most sessions join none). */
    private volatile Set<String> groupNames;
    private final Endpoint peer;
    /** The wire protocol's side of this connection (WebSocket), or null for codec framing. */
    private final ProtocolConnection protocol;

    private volatile SessionState state = SessionState.CONNECTING;
    private volatile CloseReason closeReason;
    private volatile SocketAddress remoteOverride;

    private CloseReason pendingReason;
    private Throwable failureCause;
    private StormFuture.Promise<Void> tlsUpgrade;
    private volatile int readPauses;
    private boolean opened;
    /** Wire bytes per frame of the latest decode, for receive accounting of typed frames. */
    private int decodedBytesPerFrame;

    DefaultSession(long id, Channel channel, EventHub hub, SessionSettings settings, GroupMembership groups,
                   SessionListener listener, ProtocolConnection protocol) {
        this.id = id;
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.hub = hub;
        this.groups = groups;
        this.protocol = protocol;
        this.writer = new SessionWriter(this, channel, hub.middleware(), settings, stats, protocol);
        this.peer = settings.peer();
        this.listener = listener;
        this.inbound = new InboundFrames(id, new InboundFrames.Host() {
            @Override
            public void requestRead() {
                DefaultSession.this.requestRead();
            }

            @Override
            public void passiveChanged(boolean passive) {
                pauseFor(PAUSE_PASSIVE, passive);
            }

            @Override
            public void push(Object frame) {
                DefaultSession.this.push(frame);
            }
        }, this::runOnLoop);
        if (settings.handlerExecutor() == null) {
            this.invoker = EventInvoker.DIRECT;
        } else {
            // Level-triggered: the loop applies whatever the backlog is when the task runs, so a
            // late resume can never undo a newer pause.
            SerialEventInvoker serial = new SerialEventInvoker(settings.handlerExecutor(),
                    settings.maxPendingReceiveBytes(), () -> runOnLoop(this::applyReceiveBacklog));
            this.invoker = serial;
        }
    }

    private void applyReceiveBacklog() {
        if (invoker instanceof SerialEventInvoker serial) {
            pauseFor(PAUSE_RECEIVE_BACKLOG, serial.isOverLimit());
        }
    }

    /** Records the wire bytes the decoder consumed per frame in its latest call. Event loop. */
    void decodedBytesPerFrame(int bytes) {
        this.decodedBytesPerFrame = bytes;
    }

    SessionStats stats() {
        return stats;
    }

    void remoteAddressOverride(SocketAddress address) {
        this.remoteOverride = address;
    }

    // ---------------------------------------------------------------- pipeline callbacks (event loop)

    /** The pipeline is ready: the session opens and {@code onConnected} fires. */
    void open() {
        if (opened || state != SessionState.CONNECTING) {
            return;
        }
        opened = true;
        state = SessionState.OPEN;
        listener.opened(this);
        invoker.invoke(() -> hub.fireConnected(this), 0);
    }

    void frameReceived(Object frame) {
        writer.readBatchStarted();
        stats.addFrameIn();
        if (inbound.offer(frame)) {
            return;
        }
        push(frame);
    }

    private void push(Object frame) {
        if (invoker == EventInvoker.DIRECT) {
            // Handlers run here, on the event loop: no task object per frame.
            hub.fireData(this, Payload.wrap(frame));
            return;
        }
        int bytes = frame instanceof ByteBuf buf ? buf.readableBytes()
                : frame instanceof ByteBufHolder holder ? holder.content().readableBytes() : decodedBytesPerFrame;
        invoker.invoke(() -> hub.fireData(this, Payload.wrap(frame)), bytes);
    }

    void readComplete() {
        writer.readBatchEnded();
        inbound.readComplete();
    }

    void idle(IdleKind kind, boolean close) {
        if (kind != IdleKind.WRITER && readPauses != 0) {
            // Storm or the application stopped reading: the peer is not the one who is silent.
            return;
        }
        if (!opened) {
            LOG.debug("Session {} idle ({}) before it opened; closing", id, kind);
            closeOnLoop(CloseReason.IDLE_TIMEOUT, false);
            return;
        }
        invoker.invoke(() -> hub.fireIdle(this, kind), 0);
        if (close) {
            closeOnLoop(CloseReason.IDLE_TIMEOUT, true);
        }
    }

    /**
     * A failure the pipeline could not handle: report it, then close with the given reason. Once a
     * failure is closing the session, later ones (often echoes of the first, such as a decoder
     * failing on each further line) are only logged. A session that never opened reports only
     * handshake failures (PROXY header, TLS), so operators see them; it gets no other event.
     *
     * @param handshake whether the failure happened in a handshake stage
     */
    void failed(Throwable cause, CloseReason reason, boolean handshake) {
        if (pendingReason != null && pendingReason != CloseReason.LOCAL_CLOSE) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("Session {} already closing ({}); not reporting {}", id, pendingReason, cause.toString());
            }
            return;
        }
        if (failureCause == null) {
            failureCause = cause;
        }
        if (opened || handshake) {
            invoker.invoke(() -> hub.fireError(this, cause), 0);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Closing connection from {} before it opened: {}", channel.remoteAddress(), cause.toString());
        }
        if (tlsUpgrade != null) {
            tlsUpgradeDone(cause);
        }
        // A protocol with a closing handshake (WebSocket) says why before the connection closes.
        closeOnLoop(reason, protocol != null && reason == CloseReason.PROTOCOL_ERROR);
    }

    /** {@return the first failure that closed this session, if any; event loop or after close} */
    Optional<Throwable> failureCause() {
        return Optional.ofNullable(failureCause);
    }

    // ---------------------------------------------------------------- STARTTLS

    @Override
    public StormFuture<Void> startTls(TlsHandlerFactory tls) {
        Objects.requireNonNull(tls, "tls");
        StormFuture.Promise<Void> promise = StormFuture.promise();
        boolean scheduled = runOnLoop(() -> {
            if (protocol != null) {
                promise.fail(new UnsupportedOperationException("session " + id + " speaks a protocol with its own"
                        + " handshake; STARTTLS works on codec-framed sessions only"));
                return;
            }
            if (channel.pipeline().get(PipelineNames.TLS) != null || tlsUpgrade != null) {
                promise.fail(new IllegalStateException("session " + id + " already uses TLS"));
                return;
            }
            if (!channel.isActive()) {
                promise.fail(writer.closedFailure());
                return;
            }
            // Stop cutting frames now: bytes after the current frame may already be TLS records.
            decoder().suspend();
            tlsUpgrade = promise;
            loop.execute(() -> insertTls(tls));
        });
        if (!scheduled) {
            promise.fail(writer.closedFailure());
        }
        return promise.future();
    }

    /** Puts the TLS handler in place and hands it the bytes that arrived after the last plaintext frame. */
    private void insertTls(TlsHandlerFactory tls) {
        FrameDecoderHandler decoder = decoder();
        if (!channel.isActive()) {
            decoder.resume();
            tlsUpgradeDone(writer.closedFailure());
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        try {
            pipeline.addAfter(PipelineNames.TRAFFIC, PipelineNames.TLS, TlsSupport.newHandler(tls, channel, peer));
        } catch (RuntimeException e) {
            decoder.resume();
            tlsUpgradeDone(e);
            return;
        }
        ByteBuf leftover = decoder.takeRemaining();
        decoder.resume();
        if (leftover.isReadable()) {
            pipeline.context(PipelineNames.TRAFFIC).fireChannelRead(leftover);
            pipeline.context(PipelineNames.TRAFFIC).fireChannelReadComplete();
        } else {
            leftover.release();
        }
    }

    boolean tlsUpgradeInProgress() {
        return tlsUpgrade != null;
    }

    /** The STARTTLS handshake finished: {@code cause} is null on success. Event loop. */
    void tlsUpgradeDone(Throwable cause) {
        StormFuture.Promise<Void> promise = tlsUpgrade;
        tlsUpgrade = null;
        if (promise == null) {
            return;
        }
        if (cause == null) {
            promise.succeed(null);
        } else {
            promise.fail(cause);
        }
    }

    private FrameDecoderHandler decoder() {
        return (FrameDecoderHandler) channel.pipeline().get(PipelineNames.FRAME_DECODER);
    }

    void inactive() {
        if (state == SessionState.CLOSED) {
            return;
        }
        CloseReason reason = pendingReason != null ? pendingReason : CloseReason.REMOTE_CLOSE;
        closeReason = reason;
        state = SessionState.CLOSED;
        stats.markClosed();
        // Replies of a read batch the close cut short: their shared result fails now.
        writer.readBatchEnded();
        try {
            inbound.close();
        } finally {
            groups.leaveAll(this);
            listener.closed(this);
            announceClosed(reason);
        }
    }

    private void announceClosed(CloseReason reason) {
        if (opened) {
            invoker.invoke(() -> {
                hub.fireDisconnected(this, reason);
                closePromise.succeed(reason);
            }, 0);
        } else {
            closePromise.succeed(reason);
        }
    }

    // ---------------------------------------------------------------- identity and state

    @Override
    public long id() {
        return id;
    }

    @Override
    public SessionState state() {
        return state;
    }

    @Override
    public boolean isOpen() {
        SessionState s = state;
        return s == SessionState.OPEN || s == SessionState.CONNECTING;
    }

    @Override
    public SocketAddress remoteAddress() {
        SocketAddress override = remoteOverride;
        return override != null ? override : channel.remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return channel.localAddress();
    }

    @Override
    public SessionMetrics metrics() {
        return stats;
    }

    @Override
    public Optional<CloseReason> closeReason() {
        return Optional.ofNullable(closeReason);
    }

    @Override
    public StormFuture<CloseReason> closeFuture() {
        return closePromise.future();
    }

    @Override
    public Channel channel() {
        return channel;
    }

    // ---------------------------------------------------------------- attributes

    @Override
    public <T> Optional<T> attribute(SessionKey<T> key) {
        return Optional.ofNullable(channel.attr(key.attributeKey()).get());
    }

    @Override
    public <T> void attribute(SessionKey<T> key, T value) {
        channel.attr(key.attributeKey()).set(key.type().cast(Objects.requireNonNull(value, "value")));
    }

    @Override
    public <T> Optional<T> removeAttribute(SessionKey<T> key) {
        return Optional.ofNullable(channel.attr(key.attributeKey()).getAndSet(null));
    }

    // ---------------------------------------------------------------- sending

    @Override
    public StormFuture<SendResult> send(byte[] data) {
        return writer.write(data, true);
    }

    @Override
    public StormFuture<SendResult> send(String text) {
        return writer.write(text, true);
    }

    @Override
    public StormFuture<SendResult> send(ByteBuffer data) {
        return writer.write(data, true);
    }

    @Override
    public StormFuture<SendResult> send(ByteBuf data) {
        return writer.write(data, true);
    }

    @Override
    public StormFuture<SendResult> send(Payload data) {
        Object frame = data.frame();
        return writer.write(frame instanceof ByteBuf buf ? writer.lentForSend(buf) : ReferenceCountUtil.retain(frame), true);
    }

    @Override
    public StormFuture<SendResult> sendFrame(Object frame) {
        return writer.write(Objects.requireNonNull(frame, "frame"), true);
    }

    @Override
    public StormFuture<SendResult> queue(byte[] data) {
        return writer.write(data, false);
    }

    @Override
    public StormFuture<SendResult> queue(String text) {
        return writer.write(text, false);
    }

    @Override
    public StormFuture<SendResult> queue(ByteBuf data) {
        return writer.write(data, false);
    }

    @Override
    public StormFuture<SendResult> queueFrame(Object frame) {
        return writer.write(Objects.requireNonNull(frame, "frame"), false);
    }

    @Override
    public void flush() {
        channel.flush();
    }

    // ---------------------------------------------------------------- backpressure and groups

    @Override
    public boolean isBackpressured() {
        return !channel.isWritable() && channel.isActive();
    }

    @Override
    public long pendingSendBytes() {
        return writer.pendingBytes();
    }

    @Override
    public SlowConsumerPolicy slowConsumerPolicy() {
        return writer.policy();
    }

    @Override
    public void slowConsumerPolicy(SlowConsumerPolicy policy) {
        writer.policy(policy);
    }

    /** Writes and flushes one broadcast frame, owning it. Event loop. */
    SessionWriter.Admission offerBroadcast(Object frame) {
        return writer.offerBroadcast(frame);
    }

    @Override
    public Set<String> groups() {
        Set<String> names = groupNames;
        return names == null ? Set.of() : Set.copyOf(names);
    }

    @Override
    public boolean join(String group) {
        return groups.join(group, this);
    }

    @Override
    public boolean leave(String group) {
        return groups.leave(group, this);
    }

    GroupMembership membership() {
        return groups;
    }

    /** {@return the live set of this session's groups, made on first use} */
    Set<String> groupNames() {
        Set<String> names = groupNames;
        if (names == null) {
            Set<String> fresh = ConcurrentHashMap.newKeySet();
            Object witness = GROUP_NAMES.compareAndExchange(this, null, fresh);
            names = witness == null ? fresh : castNames(witness);
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> castNames(Object names) {
        return (Set<String>) names;
    }

    /** {@return the groups this session joined, without making the set when there are none} */
    Set<String> joinedGroupNames() {
        Set<String> names = groupNames;
        return names == null ? Set.of() : names;
    }

    EventLoop eventLoop() {
        return loop;
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public StormFuture<Payload> receive() {
        StormFuture.Promise<Payload> promise = StormFuture.promise();
        promise.onCancel(() -> runOnLoop(() -> inbound.abandon(promise)));
        if (!runOnLoop(() -> inbound.receive(promise))) {
            promise.fail(new SessionClosedException("session " + id + " is closed; its event loop has stopped"));
        }
        return promise.future();
    }

    @Override
    public StormFuture<Payload> receive(Duration timeout) {
        StormFuture<Payload> next = receive();
        ScheduledFuture<?> timer;
        try {
            timer = loop.schedule(() -> {
                if (next.cancel(false)) {
                    LOG.debug("receive() on session {} timed out after {}", id, timeout);
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            return next;
        }
        next.whenComplete((payload, error) -> timer.cancel(false));
        return next;
    }

    @Override
    public Flow.Publisher<Payload> frames() {
        return subscriber -> {
            Objects.requireNonNull(subscriber, "subscriber");
            if (!runOnLoop(() -> inbound.subscribe(subscriber))) {
                inbound.refuse(subscriber, new SessionClosedException("session " + id + " is closed"));
            }
        };
    }

    @Override
    public void passive(boolean passive) {
        runOnLoop(() -> inbound.passive(passive));
    }

    @Override
    public boolean isPassive() {
        return !channel.config().isAutoRead() && (readPauses & PAUSE_PASSIVE) != 0;
    }

    @Override
    public void pauseReading() {
        runOnLoop(() -> pauseFor(PAUSE_USER, true));
    }

    @Override
    public void resumeReading() {
        runOnLoop(() -> pauseFor(PAUSE_USER, false));
    }

    /** Sets or clears one reason to stop reading; autoRead is on only when no reason remains. */
    private void pauseFor(int reason, boolean paused) {
        readPauses = paused ? readPauses | reason : readPauses & ~reason;
        channel.config().setAutoRead(readPauses == 0);
        if (readPauses == PAUSE_PASSIVE) {
            inbound.readComplete();
        }
    }

    private void requestRead() {
        if (readPauses == PAUSE_PASSIVE && channel.isActive()) {
            channel.read();
        }
    }

    // ---------------------------------------------------------------- closing

    @Override
    public StormFuture<CloseReason> close() {
        runOnLoop(() -> closeOnLoop(CloseReason.LOCAL_CLOSE, true));
        return closePromise.future();
    }

    @Override
    public StormFuture<CloseReason> abort() {
        return close(CloseReason.ABORTED, false);
    }

    @Override
    public StormFuture<CloseReason> close(CloseReason reason) {
        return close(Objects.requireNonNull(reason, "reason"), true);
    }

    @Override
    public StormFuture<CloseReason> abort(CloseReason reason) {
        return close(Objects.requireNonNull(reason, "reason"), false);
    }

    /**
     * Closes with a reason unless a close is already under way. Graceful closes flush what was
     * written before; others reset the connection.
     *
     * @param reason the reason {@code onDisconnected} will report
     * @param graceful whether to flush queued writes first
     */
    void closeOnLoop(CloseReason reason, boolean graceful) {
        if (state == SessionState.CLOSED) {
            return;
        }
        if (pendingReason == null) {
            pendingReason = reason;
        } else if (graceful) {
            return;
        }
        if (state != SessionState.CLOSED) {
            state = SessionState.CLOSING;
        }
        if (graceful) {
            Object goodbye = protocol == null ? null : protocol.closeMessage(reason);
            channel.writeAndFlush(goodbye == null ? Unpooled.EMPTY_BUFFER : goodbye).addListener(ChannelFutureListener.CLOSE);
            // A peer that stops reading would hold a graceful close open forever: reset it after a while.
            loop.schedule(() -> {
                if (channel.isOpen()) {
                    LOG.debug("Session {} did not flush within {} of closing; resetting", id, GRACEFUL_CLOSE_TIMEOUT);
                    resetOnClose();
                    channel.close();
                }
            }, GRACEFUL_CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            if (reason != CloseReason.REMOTE_CLOSE) {
                resetOnClose();
            }
            // else the peer reset or vanished (an I/O error): there is nobody left to reset, and
            // asking would cost a setsockopt for each such connection, which is every connection
            // of a flood of resets.
            channel.close();
        }
    }

    /** Asks for an RST instead of a FIN (SO_LINGER 0), where the transport supports it. */
    private void resetOnClose() {
        if (channel.isOpen()) {
            try {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (RuntimeException ignored) {
                // Unix domain sockets and closing sockets may refuse SO_LINGER; a FIN is the fallback.
            }
        }
    }

    /** Closes from any thread with a reason, gracefully or not. */
    StormFuture<CloseReason> close(CloseReason reason, boolean graceful) {
        runOnLoop(() -> closeOnLoop(reason, graceful));
        return closePromise.future();
    }

    /** Runs a task on the event loop; returns {@code false} if the loop has stopped (the channel is long closed). */
    private boolean runOnLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", state=" + state + ", remote=" + remoteAddress() + "]";
    }
}
