package io.stormsocket.core.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.ConnectFailedException;
import io.stormsocket.core.ConnectedHandler;
import io.stormsocket.core.DataHandler;
import io.stormsocket.core.DisconnectedHandler;
import io.stormsocket.core.ErrorHandler;
import io.stormsocket.core.FrameHandler;
import io.stormsocket.core.IdleHandler;
import io.stormsocket.core.SendResult;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionClosedException;
import io.stormsocket.core.SocketOptions;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormResources;
import io.stormsocket.core.Subscription;
import io.stormsocket.core.Transport;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The {@link StormClient} implementation: one connection at a time over owned or shared event
 * loops.
 *
 * <p>Threading: {@code connect}, {@code disconnect} and {@code close} synchronize on {@code this};
 * the current session is a volatile field set when a session opens and cleared when it closes.
 */
public final class DefaultStormClient implements StormClient {
    private final ClientConfig config;
    private final EventHub hub;
    private final AtomicLong ids = new AtomicLong();
    private final boolean ownsResources;
    private StormResources resources;
    private StormFuture.Promise<Session> pendingConnect;
    private boolean closed;
    private volatile DefaultSession session;

    /**
     * Creates a client; connects nothing yet.
     *
     * @param config the configuration
     */
    public DefaultStormClient(ClientConfig config) {
        this.config = config;
        this.hub = new EventHub(config.middleware());
        this.ownsResources = config.resources().isEmpty();
        this.resources = config.resources().orElse(null);
    }

    @Override
    public synchronized StormFuture<Session> connect() {
        if (closed) {
            return StormFuture.failed(new IllegalStateException("client is closed"));
        }
        if (pendingConnect != null) {
            return pendingConnect.future();
        }
        DefaultSession current = session;
        if (current != null && current.isOpen()) {
            return StormFuture.succeeded(current);
        }
        if (resources == null) {
            resources = StormResources.create(config.transport(), config.ioThreads(), "storm-client");
        }
        StormFuture.Promise<Session> promise = StormFuture.promise();
        pendingConnect = promise;

        boolean unix = config.endpoint().isUnixDomain();
        Transport transport = resources.transport();
        Bootstrap bootstrap = new Bootstrap()
                .group(resources.eventLoopGroup())
                .channel(Transports.clientChannel(transport, unix))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .handler(new StormChannelInitializer(SessionSettings.of(config), hub, ids, GroupMembership.NONE,
                        new SessionListener() {
                            @Override
                            public void opened(DefaultSession session) {
                                DefaultStormClient.this.opened(session);
                            }

                            @Override
                            public void closed(DefaultSession session) {
                                DefaultStormClient.this.closed(session);
                            }
                        }));
        bootstrap.option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                config.maxPendingSendBytes() / 2, config.maxPendingSendBytes()));
        if (!unix) {
            applyTcpOptions(bootstrap, config.socketOptions());
        }
        ChannelFuture connecting = bootstrap.connect(Transports.socketAddress(transport, config.endpoint(), true));
        connecting.addListener(future -> {
            if (!future.isSuccess()) {
                connectDone(promise, null, new ConnectFailedException("could not connect to " + config.endpoint()
                        + ": " + future.cause().getMessage(), future.cause()));
            }
        });
        return promise.future();
    }

    private static void applyTcpOptions(Bootstrap bootstrap, SocketOptions options) {
        bootstrap.option(ChannelOption.TCP_NODELAY, options.tcpNoDelay())
                .option(ChannelOption.SO_KEEPALIVE, options.keepAlive());
        options.receiveBufferSize().ifPresent(size -> bootstrap.option(ChannelOption.SO_RCVBUF, size));
        options.sendBufferSize().ifPresent(size -> bootstrap.option(ChannelOption.SO_SNDBUF, size));
    }

    private void opened(DefaultSession opened) {
        StormFuture.Promise<Session> promise;
        synchronized (this) {
            session = opened;
            promise = pendingConnect;
        }
        if (promise != null) {
            connectDone(promise, opened, null);
        }
    }

    private void closed(DefaultSession ended) {
        StormFuture.Promise<Session> promise;
        synchronized (this) {
            if (session == ended) {
                session = null;
            }
            promise = pendingConnect;
        }
        if (promise != null) {
            connectDone(promise, null, new ConnectFailedException("connection to " + config.endpoint()
                    + " closed before the session opened", new SessionClosedException("closed while connecting")));
        }
    }

    private void connectDone(StormFuture.Promise<Session> promise, Session opened, Throwable failure) {
        synchronized (this) {
            if (pendingConnect == promise) {
                pendingConnect = null;
            }
        }
        if (failure == null) {
            promise.succeed(opened);
        } else {
            promise.fail(failure);
        }
    }

    @Override
    public Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    @Override
    public boolean isConnected() {
        DefaultSession current = session;
        return current != null && current.isOpen();
    }

    @Override
    public StormFuture<SendResult> send(String text) {
        return withSession(text, s -> s.send(text));
    }

    @Override
    public StormFuture<SendResult> send(byte[] data) {
        return withSession(data, s -> s.send(data));
    }

    @Override
    public StormFuture<SendResult> send(ByteBuf data) {
        return withSession(data, s -> s.send(data));
    }

    @Override
    public StormFuture<SendResult> sendFrame(Object frame) {
        return withSession(frame, s -> s.sendFrame(frame));
    }

    private StormFuture<SendResult> withSession(Object message, Function<Session, StormFuture<SendResult>> send) {
        DefaultSession current = session;
        if (current == null) {
            ReferenceCountUtil.release(message);
            return StormFuture.failed(new SessionClosedException("cannot send: client is not connected to "
                    + config.endpoint()));
        }
        return send.apply(current);
    }

    @Override
    public StormFuture<Void> disconnect() {
        DefaultSession current = session;
        if (current == null) {
            return StormFuture.succeeded(null);
        }
        StormFuture.Promise<Void> promise = StormFuture.promise();
        current.close().whenComplete((reason, error) -> promise.succeed(null));
        return promise.future();
    }

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
    public void close() {
        StormResources owned;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            owned = ownsResources ? resources : null;
        }
        disconnect().join();
        if (owned != null) {
            owned.shutdown(Duration.ofSeconds(5));
        }
    }

    @Override
    public Subscription onConnected(ConnectedHandler handler) {
        return hub.onConnected(handler);
    }

    @Override
    public Subscription onDataReceived(DataHandler handler) {
        return hub.onDataReceived(handler);
    }

    @Override
    public <F> Subscription onFrameReceived(Class<F> type, FrameHandler<? super F> handler) {
        return hub.onFrameReceived(type, handler);
    }

    @Override
    public Subscription onDisconnected(DisconnectedHandler handler) {
        return hub.onDisconnected(handler);
    }

    @Override
    public Subscription onError(ErrorHandler handler) {
        return hub.onError(handler);
    }

    @Override
    public Subscription onIdle(IdleHandler handler) {
        return hub.onIdle(handler);
    }

    @Override
    public String toString() {
        return "StormClient[" + config.endpoint() + ", connected=" + isConnected() + "]";
    }
}
