package io.stormsocket.core.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.ServerStats;
import io.stormsocket.core.SessionGroups;
import io.stormsocket.core.SessionRegistry;
import io.stormsocket.core.SocketOptions;
import io.stormsocket.core.StormException;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormResources;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.Transport;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StormServer} implementation: a {@link ServerBootstrap} over owned or shared event
 * loops, and the map of open sessions used at shutdown.
 *
 * <p>Threading: lifecycle methods synchronize on {@code this}; the session map is concurrent and
 * updated from event loops.
 */
public final class DefaultStormServer extends EventSource implements StormServer {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultStormServer.class);
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private enum Lifecycle { NEW, STARTING, STARTED, STOPPED }

    private final ServerConfig config;
    private final AtomicLong ids = new AtomicLong();
    private final DefaultSessionRegistry sessions;
    private final DefaultSessionGroups groups;
    private final boolean ownsResources;
    private volatile StormResources resources;
    private Lifecycle lifecycle = Lifecycle.NEW;
    private StormFuture<StormServer> startFuture;
    private StormFuture<Void> stopFuture;
    private ChannelFuture bindFuture;
    private volatile Channel serverChannel;
    private volatile boolean stopping;
    /** Every connection with a pipeline, open or not yet open; what stop() must close. */
    private final Set<DefaultSession> connections = ConcurrentHashMap.newKeySet();
    private final Admission admission;
    private final LongAdder closedBytesIn = new LongAdder();
    private final LongAdder closedBytesOut = new LongAdder();
    private final LongAdder closedFramesIn = new LongAdder();
    private final LongAdder closedFramesOut = new LongAdder();

    /**
     * Creates a server; binds nothing yet.
     *
     * @param config the configuration
     */
    public DefaultStormServer(ServerConfig config) {
        super(config.middleware());
        this.config = config;
        this.ownsResources = config.resources().isEmpty();
        this.resources = config.resources().orElse(null);
        OutboundEncoder encoder = new OutboundEncoder(config.codec(), config.protocol().orElse(null));
        this.sessions = new DefaultSessionRegistry(encoder, ByteBufAllocator.DEFAULT);
        this.groups = new DefaultSessionGroups(encoder, ByteBufAllocator.DEFAULT);
        this.admission = new Admission(config);
    }

    @Override
    public synchronized StormFuture<StormServer> start() {
        if (lifecycle != Lifecycle.NEW) {
            return lifecycle == Lifecycle.STOPPED
                    ? StormFuture.failed(new IllegalStateException("server is stopped; create a new one"))
                    : startFuture;
        }
        StormFuture.Promise<StormServer> promise = StormFuture.promise();
        if (ownsResources) {
            try {
                resources = StormResources.create(config.transport(), config.ioThreads(), "storm-server");
            } catch (RuntimeException e) {
                return StormFuture.failed(e);
            }
        }
        lifecycle = Lifecycle.STARTING;
        startFuture = promise.future();

        boolean unix = config.endpoint().isUnixDomain();
        Transport transport = resources.transport();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(resources.eventLoopGroup())
                .channel(Transports.serverChannel(transport, unix))
                .option(ChannelOption.SO_BACKLOG, config.backlog())
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        config.maxPendingSendBytes() / 2, config.maxPendingSendBytes()))
                .childHandler(new StormChannelInitializer(SessionSettings.of(config), hub, ids, groups,
                        new Lifecycles(), admission));
        if (!unix) {
            applyTcpOptions(bootstrap, config.socketOptions());
        }
        SocketAddress address = Transports.socketAddress(transport, config.endpoint(), config.dualStack());
        bindFuture = bootstrap.bind(address);
        bindFuture.addListener(future -> {
            if (future.isSuccess()) {
                Channel bound = bindFuture.channel();
                synchronized (this) {
                    if (lifecycle != Lifecycle.STARTING) {
                        bound.close();
                        promise.fail(new IllegalStateException("server was stopped while starting"));
                        return;
                    }
                    lifecycle = Lifecycle.STARTED;
                    serverChannel = bound;
                }
                LOG.info("Storm server listening on {} ({})", serverChannel.localAddress(), transport);
                promise.succeed(this);
            } else {
                StormException failure = new StormException("could not bind " + config.endpoint() + ": "
                        + future.cause().getMessage(), future.cause());
                stop().whenComplete((ignored, error) -> promise.fail(failure));
            }
        });
        return startFuture;
    }

    private static void applyTcpOptions(ServerBootstrap bootstrap, SocketOptions options) {
        bootstrap.childOption(ChannelOption.TCP_NODELAY, options.tcpNoDelay())
                .childOption(ChannelOption.SO_KEEPALIVE, options.keepAlive());
        options.receiveBufferSize().ifPresent(size -> bootstrap.childOption(ChannelOption.SO_RCVBUF, size));
        options.sendBufferSize().ifPresent(size -> bootstrap.childOption(ChannelOption.SO_SNDBUF, size));
    }

    @Override
    public SocketAddress localAddress() {
        Channel channel = serverChannel;
        if (channel == null) {
            throw new IllegalStateException("server is not started");
        }
        return channel.localAddress();
    }

    @Override
    public int port() {
        if (localAddress() instanceof InetSocketAddress inet) {
            return inet.getPort();
        }
        throw new IllegalStateException("server listens on a Unix domain socket: " + localAddress());
    }

    @Override
    public Transport transport() {
        StormResources current = resources;
        return current != null ? current.transport() : Transports.resolve(config.transport());
    }

    @Override
    public ServerConfig config() {
        return config;
    }

    @Override
    public int sessionCount() {
        return sessions.count();
    }

    @Override
    public ServerStats stats() {
        long bytesIn = closedBytesIn.sum();
        long bytesOut = closedBytesOut.sum();
        long framesIn = closedFramesIn.sum();
        long framesOut = closedFramesOut.sum();
        for (DefaultSession session : connections) {
            SessionStats live = session.stats();
            bytesIn += live.bytesIn();
            bytesOut += live.bytesOut();
            framesIn += live.framesIn();
            framesOut += live.framesOut();
        }
        return new ServerStats(admission.accepted(), admission.rejected(), admission.active(),
                bytesIn, bytesOut, framesIn, framesOut);
    }

    @Override
    public SessionRegistry sessions() {
        return sessions;
    }

    @Override
    public SessionGroups groups() {
        return groups;
    }

    @Override
    public void pauseAccepting() {
        setAccepting(false);
    }

    @Override
    public void resumeAccepting() {
        setAccepting(true);
    }

    private void setAccepting(boolean accepting) {
        Channel channel = serverChannel;
        if (channel == null) {
            throw new IllegalStateException("server is not started");
        }
        channel.config().setAutoRead(accepting);
    }

    @Override
    public boolean isAccepting() {
        Channel channel = serverChannel;
        return channel != null && channel.isActive() && channel.config().isAutoRead();
    }

    @Override
    public StormFuture<Void> stop() {
        return stop(DEFAULT_GRACE);
    }

    @Override
    public synchronized StormFuture<Void> stop(Duration grace) {
        if (stopFuture != null) {
            return stopFuture;
        }
        lifecycle = Lifecycle.STOPPED;
        stopping = true;
        StormFuture.Promise<Void> promise = StormFuture.promise();
        stopFuture = promise.future();
        CompletableFuture<?> listenerClosed = closeListener();
        closeConnections(true)
                .completeOnTimeout(null, grace.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(ignored -> abortRemaining())
                .thenCompose(ignored -> listenerClosed)
                .thenCompose(ignored -> releaseResources())
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        promise.fail(error);
                    } else {
                        promise.succeed(null);
                    }
                });
        return stopFuture;
    }

    /** Closes the listening socket, once bound if the bind is still under way. */
    private CompletableFuture<Void> closeListener() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (bindFuture == null) {
            done.complete(null);
            return done;
        }
        bindFuture.addListener(bound -> {
            if (bound.isSuccess()) {
                bindFuture.channel().close().addListener(closed -> done.complete(null));
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    private CompletableFuture<Void> closeConnections(boolean graceful) {
        CompletableFuture<?>[] closing = connections.stream()
                .map(session -> session.close(CloseReason.SHUTDOWN, graceful))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(closing);
    }

    private CompletableFuture<Void> abortRemaining() {
        return closeConnections(false).completeOnTimeout(null, 2, TimeUnit.SECONDS);
    }

    /** Keeps the registry and the connection set current; closes sessions that open during a stop. */
    private final class Lifecycles implements SessionListener {
        @Override
        public void created(DefaultSession session) {
            connections.add(session);
            if (stopping) {
                session.close(CloseReason.SHUTDOWN, false);
            }
        }

        @Override
        public void opened(DefaultSession session) {
            sessions.add(session);
            if (stopping) {
                session.close(CloseReason.SHUTDOWN, false);
            }
        }

        @Override
        public void closed(DefaultSession session) {
            sessions.remove(session);
            if (connections.remove(session)) {
                SessionStats stats = session.stats();
                closedBytesIn.add(stats.bytesIn());
                closedBytesOut.add(stats.bytesOut());
                closedFramesIn.add(stats.framesIn());
                closedFramesOut.add(stats.framesOut());
            }
        }
    }

    private CompletableFuture<Void> releaseResources() {
        if (!ownsResources || resources == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        resources.eventLoopGroup().shutdownGracefully(0, 2, TimeUnit.SECONDS)
                .addListener(f -> done.complete(null));
        return done;
    }

    @Override
    public void close() {
        stop().join();
    }







    @Override
    public String toString() {
        Channel channel = serverChannel;
        return "StormServer[" + (channel != null ? channel.localAddress() : config.endpoint()) + ", sessions="
                + sessions.count() + "]";
    }
}
