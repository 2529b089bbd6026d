package io.stormsocket.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.ClientState;
import io.stormsocket.core.ConnectFailedException;
import io.stormsocket.core.ReconnectFailedHandler;
import io.stormsocket.core.ReconnectingHandler;
import io.stormsocket.core.SendResult;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionClosedException;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormResources;
import io.stormsocket.core.Subscription;
import io.stormsocket.core.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StormClient} implementation: one connection at a time over owned or shared event
 * loops, reconnecting per its {@link io.stormsocket.core.ReconnectPolicy} and holding sends in an
 * {@link OfflineSendBuffer} while a connection is on its way.
 *
 * <p>Threading: every lifecycle field ({@code state}, {@code session}, {@code ready},
 * {@code epoch}, {@code pendingConnect}, {@code connecting}, {@code resources}, {@code scheduler})
 * and the offline buffer are written only while holding this object's monitor; {@code state},
 * {@code session}, {@code ready} and {@code resources} are volatile so that accessors and the send
 * fast path read them without it. User code (futures, handlers) never runs under the monitor:
 * methods that change state under it return a {@code Runnable} aftermath run after it is released.
 * Callers arrive from user threads ({@code connect}, {@code send}, {@code disconnect},
 * {@code close}), a session's event loop ({@link #opened}, {@link #closed}, connect-failure
 * listeners) and the scheduler event loop (reconnect scheduling, timers, and the
 * {@code onReconnecting}/{@code onReconnectFailed} events, which therefore never overlap).
 *
 * <p>Epochs: {@code epoch} changes whenever the client becomes {@code DISCONNECTED} or
 * {@code CLOSED}; callbacks of attempts and sessions started in an earlier epoch are ignored (a
 * session that opens late is closed), so nothing reconnects after {@code disconnect()}.
 */
public final class DefaultStormClient extends EventSource implements StormClient {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultStormClient.class);

    private final ClientConfig config;
    private final AtomicLong ids = new AtomicLong();
    private final boolean ownsResources;
    private final Reconnector reconnector;
    private final OfflineSendBuffer offline;
    private final ClientBootstrap bootstrap;

    private volatile StormResources resources;
    private volatile ClientState state = ClientState.DISCONNECTED;
    /** The open session, from {@link #opened} to {@link #closed} or {@link #stop}. */
    private volatile DefaultSession session;
    /** The session sends go straight to: {@link #session} once the offline buffer is drained. */
    private volatile DefaultSession ready;
    private EventLoop scheduler;
    private long epoch;
    private StormFuture.Promise<Session> pendingConnect;
    private ChannelFuture connecting;

    /**
     * Creates a client; connects nothing yet.
     *
     * @param config the configuration
     */
    public DefaultStormClient(ClientConfig config) {
        super(config.middleware());
        this.config = config;
        this.ownsResources = config.resources().isEmpty();
        this.resources = config.resources().orElse(null);
        this.reconnector = new Reconnector(config.reconnect());
        this.offline = new OfflineSendBuffer(config.offlineBuffer());
        this.bootstrap = new ClientBootstrap(config, hub, ids);
    }

    // ---------------------------------------------------------------- connecting

    @Override
    public synchronized StormFuture<Session> connect() {
        ClientState current = state;
        if (current == ClientState.CLOSED) {
            return StormFuture.failed(new IllegalStateException("client is closed"));
        }
        if (current == ClientState.CONNECTED) {
            return StormFuture.succeeded(session);
        }
        if (pendingConnect == null) {
            pendingConnect = StormFuture.promise();
        }
        if (current == ClientState.DISCONNECTED) {
            if (resources == null) {
                resources = StormResources.create(config.transport(), config.ioThreads(), "storm-client");
            }
            if (scheduler == null) {
                scheduler = resources.eventLoopGroup().next();
            }
            state = ClientState.CONNECTING;
            reconnector.reset();
            attempt();
        }
        return pendingConnect.future();
    }

    /** Starts one connect attempt in the current epoch; the caller holds the monitor. */
    private void attempt() {
        long attemptEpoch = epoch;
        ChannelFuture attempt = bootstrap.connect(resources, scheduler,
                opened -> opened(opened, attemptEpoch), ended -> closed(ended, attemptEpoch));
        connecting = attempt;
        attempt.addListener(future -> {
            if (!future.isSuccess()) {
                attemptFailed(attemptEpoch, attempt, future.cause());
            }
        });
    }

    /** A reconnect timer fired, on the scheduler event loop. */
    private synchronized void reconnectNow(long attemptEpoch) {
        if (attemptEpoch == epoch && state == ClientState.RECONNECTING && connecting == null) {
            attempt();
        }
    }

    /** A connect attempt failed, on its channel's event loop. */
    private void attemptFailed(long attemptEpoch, ChannelFuture attempt, Throwable cause) {
        Runnable aftermath;
        synchronized (this) {
            if (attemptEpoch != epoch || connecting != attempt) {
                return;
            }
            connecting = null;
            aftermath = attemptEnded(cause);
        }
        aftermath.run();
    }

    /** The current attempt ended without a session; the caller holds the monitor. */
    private Runnable attemptEnded(Throwable cause) {
        ConnectFailedException error = new ConnectFailedException("could not connect to " + config.endpoint() + ": "
                + cause.getMessage(), cause);
        if (state == ClientState.CONNECTING && !reconnector.retriesInitialConnect()) {
            return stopped(ClientState.DISCONNECTED, error, new SessionClosedException("could not connect to "
                    + config.endpoint() + "; the send was never written", error));
        }
        if (state != ClientState.CONNECTING && state != ClientState.RECONNECTING) {
            return () -> { };
        }
        LOG.debug("Connect attempt {} to {} failed: {}", reconnector.attempts(), config.endpoint(), cause.toString());
        state = ClientState.RECONNECTING;
        return scheduleNextLater(error);
    }

    /** Hands the decision about the next attempt to the scheduler event loop; caller holds the monitor. */
    private Runnable scheduleNextLater(Throwable lastError) {
        long current = epoch;
        EventLoop loop = scheduler;
        return () -> {
            try {
                loop.execute(() -> scheduleNext(current, lastError));
            } catch (RejectedExecutionException e) {
                LOG.warn("Cannot reconnect to {}: the client's event loops have been shut down", config.endpoint());
            }
        };
    }

    /**
     * Schedules the next attempt, or gives up. Runs on the scheduler event loop, so the
     * {@code onReconnecting}/{@code onReconnectFailed} events of one client never overlap and a
     * {@link #stop} waits for one in progress.
     */
    private void scheduleNext(long expectedEpoch, Throwable lastError) {
        Optional<Reconnector.Attempt> next;
        Runnable aftermath = null;
        ConnectFailedException gaveUp = null;
        int attempts;
        synchronized (this) {
            if (expectedEpoch != epoch || state != ClientState.RECONNECTING) {
                return;
            }
            next = reconnector.next();
            attempts = reconnector.attempts();
            if (next.isEmpty()) {
                gaveUp = new ConnectFailedException("gave up reconnecting to " + config.endpoint() + " after "
                        + attempts + " attempts; last: " + lastError.getMessage(), lastError);
                aftermath = stopped(ClientState.DISCONNECTED, gaveUp, new SessionClosedException("gave up reconnecting to "
                        + config.endpoint() + "; the send was never written", gaveUp));
            }
        }
        if (gaveUp != null) {
            LOG.debug("Gave up reconnecting to {} after {} attempts", config.endpoint(), attempts);
            aftermath.run();
            reconnector.fireFailed(attempts, gaveUp);
            return;
        }
        Reconnector.Attempt attempt = next.get();
        reconnector.fireReconnecting(attempt);
        synchronized (this) {
            if (expectedEpoch == epoch && state == ClientState.RECONNECTING) {
                reconnector.schedule(scheduler, () -> reconnectNow(expectedEpoch), attempt.delay());
            }
        }
    }

    // ---------------------------------------------------------------- session lifecycle callbacks (event loop)

    private void opened(DefaultSession opened, long attemptEpoch) {
        StormFuture.Promise<Session> promise = null;
        boolean current;
        synchronized (this) {
            current = attemptEpoch == epoch && (state == ClientState.CONNECTING || state == ClientState.RECONNECTING);
            if (current) {
                session = opened;
                state = ClientState.CONNECTED;
                if (connecting != null && connecting.channel() == opened.channel()) {
                    connecting = null;
                }
                reconnector.reset();
                if (offline.isEmpty()) {
                    ready = opened;
                }
                promise = pendingConnect;
                pendingConnect = null;
            }
        }
        if (!current) {
            // Opened after disconnect() or close(): nobody wants this connection any more.
            LOG.debug("Closing session {}: the client stopped while it was connecting", opened.id());
            opened.close();
            return;
        }
        deliverHeld(opened);
        if (promise != null) {
            promise.succeed(opened);
        }
    }

    /**
     * Writes the held sends to a new session, oldest first, then lets sends go straight to it.
     * Sends made meanwhile are held behind the ones being written, so order holds even while the
     * user keeps sending. Stops if the session ends; what is still held waits for the next one.
     */
    private void deliverHeld(DefaultSession opened) {
        while (true) {
            List<OfflineSendBuffer.Held> batch;
            synchronized (this) {
                if (session != opened || state != ClientState.CONNECTED) {
                    return;
                }
                batch = offline.takeAll();
                if (batch.isEmpty()) {
                    ready = opened;
                    return;
                }
            }
            LOG.debug("Delivering {} held sends to session {}", batch.size(), opened.id());
            for (OfflineSendBuffer.Held held : batch) {
                held.deliver(opened);
            }
        }
    }

    private void closed(DefaultSession ended, long attemptEpoch) {
        Runnable aftermath;
        synchronized (this) {
            if (session == ended) {
                session = null;
                ready = null;
                String reason = ended.closeReason().map(Enum::name).orElse("closed");
                if (reconnector.enabled()) {
                    LOG.debug("Session {} to {} ended ({}); reconnecting", ended.id(), config.endpoint(), reason);
                    state = ClientState.RECONNECTING;
                    aftermath = scheduleNextLater(new SessionClosedException("connection to " + config.endpoint()
                            + " lost: " + reason));
                } else {
                    SessionClosedException error = new SessionClosedException("connection to " + config.endpoint()
                            + " lost (" + reason + ") before the send was written");
                    aftermath = stopped(ClientState.DISCONNECTED, error, error);
                }
            } else if (attemptEpoch == epoch && connecting != null && connecting.channel() == ended.channel()) {
                connecting = null;
                Throwable why = ended.failureCause().orElse(null);
                aftermath = attemptEnded(why != null ? why
                        : new SessionClosedException("connection closed before the session opened"));
            } else {
                return;
            }
        }
        aftermath.run();
    }

    // ---------------------------------------------------------------- stopping

    /**
     * Moves to {@code DISCONNECTED} or {@code CLOSED}: a new epoch, no timer, no pending connect,
     * nothing held. The caller holds the monitor and runs the returned aftermath after releasing it.
     *
     * @param target the new state
     * @param connectError what a waiting {@code connect()} future fails with
     * @param heldError what held sends fail with
     * @return fails the waiting connect and the held sends
     */
    private Runnable stopped(ClientState target, Throwable connectError, Throwable heldError) {
        epoch++;
        state = target;
        reconnector.cancel();
        StormFuture.Promise<Session> promise = pendingConnect;
        pendingConnect = null;
        List<OfflineSendBuffer.Held> held = offline.takeAll();
        return () -> {
            if (promise != null) {
                promise.fail(connectError);
            }
            OfflineSendBuffer.failAll(held, heldError);
        };
    }

    /**
     * Stops everything the user asked to stop: the session, an attempt under way, the reconnect
     * timer, held sends.
     *
     * @param target {@code DISCONNECTED} or {@code CLOSED}
     * @param why for messages
     * @return completes when the session and attempt channel are closed and no scheduling task of
     *     this client is still running
     */
    private StormFuture<Void> stop(ClientState target, String why) {
        DefaultSession current;
        ChannelFuture attempt;
        EventLoop loop;
        Runnable aftermath;
        synchronized (this) {
            if (state == ClientState.CLOSED) {
                return StormFuture.succeeded(null);
            }
            current = session;
            attempt = connecting;
            loop = scheduler;
            session = null;
            ready = null;
            connecting = null;
            SessionClosedException error = new SessionClosedException(why + "; the send was never written");
            aftermath = stopped(target, new ConnectFailedException("connect to " + config.endpoint() + " abandoned: "
                    + why, error), error);
        }
        aftermath.run();
        List<CompletableFuture<?>> waits = new ArrayList<>();
        if (current != null) {
            waits.add(current.close());
        }
        if (attempt != null && (current == null || attempt.channel() != current.channel())) {
            waits.add(completion(attempt.channel().close()));
        }
        if (loop != null && !(target == ClientState.CLOSED && loop.inEventLoop())) {
            try {
                // A barrier: an onReconnecting call in progress on the scheduler (even the one that
                // called disconnect()) finishes before we report stopped. close() joins, so on the
                // scheduler itself it must not wait for a task queued behind it.
                waits.add(completion(loop.submit(() -> { })));
            } catch (RejectedExecutionException e) {
                // The loops are shut down, so nothing can run on them any more.
            }
        }
        StormFuture.Promise<Void> done = StormFuture.promise();
        CompletableFuture.allOf(waits.toArray(CompletableFuture<?>[]::new)).whenComplete((ignored, error) -> done.succeed(null));
        return done.future();
    }

    private static CompletableFuture<Void> completion(io.netty.util.concurrent.Future<?> future) {
        CompletableFuture<Void> completion = new CompletableFuture<>();
        future.addListener(ignored -> completion.complete(null));
        return completion;
    }

    @Override
    public StormFuture<Void> disconnect() {
        return stop(ClientState.DISCONNECTED, "client disconnected from " + config.endpoint());
    }

    @Override
    public void close() {
        StormResources owned;
        synchronized (this) {
            if (state == ClientState.CLOSED) {
                return;
            }
            owned = ownsResources ? resources : null;
        }
        stop(ClientState.CLOSED, "client closed").join();
        if (owned != null) {
            owned.shutdown(Duration.ofSeconds(5));
        }
    }

    // ---------------------------------------------------------------- state

    @Override
    public ClientState state() {
        return state;
    }

    @Override
    public Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    @Override
    public boolean isConnected() {
        DefaultSession current = session;
        return state == ClientState.CONNECTED && current != null && current.isOpen();
    }

    // ---------------------------------------------------------------- sending

    @Override
    public StormFuture<SendResult> send(String text) {
        Objects.requireNonNull(text, "text");
        return submit(text, s -> s.send(text));
    }

    @Override
    public StormFuture<SendResult> send(byte[] data) {
        Objects.requireNonNull(data, "data");
        return submit(data, s -> s.send(data));
    }

    @Override
    public StormFuture<SendResult> send(ByteBuf data) {
        Objects.requireNonNull(data, "data");
        return submit(data, s -> s.send(data));
    }

    @Override
    public StormFuture<SendResult> sendFrame(Object frame) {
        Objects.requireNonNull(frame, "frame");
        return submit(frame, s -> s.sendFrame(frame));
    }

    /**
     * Sends on the ready session, or holds the send while a connection is on its way, or fails it.
     * The fast path reads one volatile field; {@link #ready} is set only after held sends were
     * written, so a send that goes straight out always follows them.
     */
    private StormFuture<SendResult> submit(Object message, Function<Session, StormFuture<SendResult>> send) {
        DefaultSession target = ready;
        if (target == null) {
            synchronized (this) {
                target = ready;
                if (target == null) {
                    ClientState current = state;
                    if (offline.enabled() && (current == ClientState.CONNECTING || current == ClientState.RECONNECTING
                            || current == ClientState.CONNECTED)) {
                        return offline.hold(message);
                    }
                    ReferenceCountUtil.release(message);
                    return StormFuture.failed(new SessionClosedException("cannot send: client is " + current
                            + ", not connected to " + config.endpoint()));
                }
            }
        }
        return send.apply(target);
    }

    // ---------------------------------------------------------------- configuration and events

    @Override
    public Transport transport() {
        StormResources current = resources;
        return current != null ? current.transport() : Transports.resolve(config.transport());
    }

    @Override
    public ClientConfig config() {
        return config;
    }







    @Override
    public Subscription onReconnecting(ReconnectingHandler handler) {
        return reconnector.onReconnecting(handler);
    }

    @Override
    public Subscription onReconnectFailed(ReconnectFailedHandler handler) {
        return reconnector.onReconnectFailed(handler);
    }

    @Override
    public String toString() {
        return "StormClient[" + config.endpoint() + ", " + state + "]";
    }
}
