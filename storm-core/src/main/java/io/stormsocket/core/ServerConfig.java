package io.stormsocket.core;

import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.core.codec.RawCodec;
import io.stormsocket.core.spi.TlsHandlerFactory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Immutable configuration of a {@link StormServer}.
 *
 * <table>
 * <caption>Options and defaults</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code endpoint}</td><td>{@code *:5000}</td><td>where to listen; the wildcard accepts IPv4 and IPv6</td></tr>
 * <tr><td>{@code dualStack}</td><td>{@code true}</td><td>on the wildcard address, accept IPv6 too; {@code false} binds 0.0.0.0 only</td></tr>
 * <tr><td>{@code backlog}</td><td>128</td><td>pending-connection queue length (SO_BACKLOG)</td></tr>
 * <tr><td>{@code socketOptions}</td><td>{@link SocketOptions#defaults()}</td><td>TCP_NODELAY and SO_KEEPALIVE on, OS buffer sizes</td></tr>
 * <tr><td>{@code codec}</td><td>{@link RawCodec}</td><td>how bytes become frames</td></tr>
 * <tr><td>{@code idleTimeouts}</td><td>none</td><td>reader / writer / all idle detection</td></tr>
 * <tr><td>{@code transport}</td><td>{@link Transport#AUTO}</td><td>io_uring, epoll, kqueue or NIO</td></tr>
 * <tr><td>{@code ioThreads}</td><td>available processors</td><td>event-loop threads when the server owns them</td></tr>
 * <tr><td>{@code resources}</td><td>none (own threads)</td><td>shared event loops</td></tr>
 * <tr><td>{@code handlerExecutor}</td><td>none (event loop)</td><td>where event handlers run, per-session order kept</td></tr>
 * <tr><td>{@code maxPendingReceiveBytes}</td><td>1 MiB</td><td>received bytes queued for a busy handler executor before reading pauses</td></tr>
 * <tr><td>{@code maxPendingSendBytes}</td><td>1 MiB</td><td>unwritten bytes that make a session backpressured (recovers at half)</td></tr>
 * <tr><td>{@code maxQueuedSendBytes}</td><td>4 MiB</td><td>hard cap of unwritten bytes; sends past it fail fast</td></tr>
 * <tr><td>{@code slowConsumerPolicy}</td><td>{@link SlowConsumerPolicy#WAIT}</td><td>what sends do while backpressured</td></tr>
 * <tr><td>{@code middleware}</td><td>none</td><td>ordered {@link Middleware} stages, e.g. a {@link RateLimiter}</td></tr>
 * <tr><td>{@code tls}</td><td>none (plaintext)</td><td>the TLS hook, from storm-ssl</td></tr>
 * <tr><td>{@code maxConnections}</td><td>0 (no limit)</td><td>connections open at once; excess closed at accept</td></tr>
 * <tr><td>{@code maxConnectionsPerAddress}</td><td>0 (no limit)</td><td>the same, per remote IP address</td></tr>
 * <tr><td>{@code connectionFilter}, {@code asyncConnectionFilter}</td><td>none</td><td>accept-time decisions on the remote address</td></tr>
 * <tr><td>{@code proxyProtocol}</td><td>{@code false}</td><td>expect a PROXY v1/v2 header first on every connection</td></tr>
 * </table>
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder()
 *         .endpoint(Endpoint.tcp("127.0.0.1", 0))
 *         .codec(FrameCodecs.lengthPrefix())
 *         .idleTimeouts(IdleTimeouts.builder().reader(Duration.ofSeconds(30)).build())
 *         .build();
 * }</pre>
 */
public final class ServerConfig {
    /** Default port: 5000. */
    public static final int DEFAULT_PORT = 5000;
    /** Default listen backlog: 128. */
    public static final int DEFAULT_BACKLOG = 128;
    /** Default receive limit for a busy handler executor: 1 MiB. */
    public static final int DEFAULT_MAX_PENDING_RECEIVE_BYTES = 1024 * 1024;
    /** Default unwritten bytes at which a session becomes backpressured: 1 MiB. */
    public static final int DEFAULT_MAX_PENDING_SEND_BYTES = 1024 * 1024;
    /** Default hard cap of unwritten bytes per session: 4 MiB. */
    public static final long DEFAULT_MAX_QUEUED_SEND_BYTES = 4L * 1024 * 1024;

    private final Endpoint endpoint;
    private final boolean dualStack;
    private final int backlog;
    private final SocketOptions socketOptions;
    private final FrameCodec<?> codec;
    private final IdleTimeouts idleTimeouts;
    private final Transport transport;
    private final int ioThreads;
    private final StormResources resources;
    private final Executor handlerExecutor;
    private final int maxPendingReceiveBytes;
    private final int maxPendingSendBytes;
    private final long maxQueuedSendBytes;
    private final SlowConsumerPolicy slowConsumerPolicy;
    private final List<Middleware> middleware;
    private final TlsHandlerFactory tls;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final List<ConnectionFilter> connectionFilters;
    private final List<AsyncConnectionFilter> asyncConnectionFilters;
    private final boolean proxyProtocol;

    private ServerConfig(Builder b) {
        this.endpoint = b.endpoint;
        this.dualStack = b.dualStack;
        this.backlog = b.backlog;
        this.socketOptions = b.socketOptions;
        this.codec = b.codec;
        this.idleTimeouts = b.idleTimeouts;
        this.transport = b.transport;
        this.ioThreads = b.ioThreads;
        this.resources = b.resources;
        this.handlerExecutor = b.handlerExecutor;
        this.maxPendingReceiveBytes = b.maxPendingReceiveBytes;
        this.maxPendingSendBytes = b.maxPendingSendBytes;
        this.maxQueuedSendBytes = b.maxQueuedSendBytes;
        this.slowConsumerPolicy = b.slowConsumerPolicy;
        this.middleware = List.copyOf(b.middleware);
        this.tls = b.tls;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.connectionFilters = List.copyOf(b.connectionFilters);
        this.asyncConnectionFilters = List.copyOf(b.asyncConnectionFilters);
        this.proxyProtocol = b.proxyProtocol;
    }

    /**
     * Starts a builder with every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised from this configuration.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.endpoint = endpoint;
        b.dualStack = dualStack;
        b.backlog = backlog;
        b.socketOptions = socketOptions;
        b.codec = codec;
        b.idleTimeouts = idleTimeouts;
        b.transport = transport;
        b.ioThreads = ioThreads;
        b.resources = resources;
        b.handlerExecutor = handlerExecutor;
        b.maxPendingReceiveBytes = maxPendingReceiveBytes;
        b.maxPendingSendBytes = maxPendingSendBytes;
        b.maxQueuedSendBytes = maxQueuedSendBytes;
        b.slowConsumerPolicy = slowConsumerPolicy;
        b.middleware = middleware;
        b.tls = tls;
        b.maxConnections = maxConnections;
        b.maxConnectionsPerAddress = maxConnectionsPerAddress;
        b.connectionFilters = new java.util.ArrayList<>(connectionFilters);
        b.asyncConnectionFilters = new java.util.ArrayList<>(asyncConnectionFilters);
        b.proxyProtocol = proxyProtocol;
        return b;
    }

    /** {@return where the server listens} */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** {@return whether the wildcard address accepts IPv6 too} */
    public boolean dualStack() {
        return dualStack;
    }

    /** {@return the listen backlog} */
    public int backlog() {
        return backlog;
    }

    /** {@return options applied to every accepted connection} */
    public SocketOptions socketOptions() {
        return socketOptions;
    }

    /** {@return the frame codec} */
    public FrameCodec<?> codec() {
        return codec;
    }

    /** {@return the idle timeouts} */
    public IdleTimeouts idleTimeouts() {
        return idleTimeouts;
    }

    /** {@return the requested transport; ignored when {@link #resources()} is set} */
    public Transport transport() {
        return transport;
    }

    /** {@return the event-loop thread count when the server owns its threads} */
    public int ioThreads() {
        return ioThreads;
    }

    /** {@return shared event loops, absent when the server owns its own} */
    public Optional<StormResources> resources() {
        return Optional.ofNullable(resources);
    }

    /** {@return where handlers run, absent for the event loop} */
    public Optional<Executor> handlerExecutor() {
        return Optional.ofNullable(handlerExecutor);
    }

    /** {@return received bytes queued for the handler executor before reading pauses} */
    public int maxPendingReceiveBytes() {
        return maxPendingReceiveBytes;
    }

    /** {@return unwritten bytes at which a session becomes backpressured (it recovers at half)} */
    public int maxPendingSendBytes() {
        return maxPendingSendBytes;
    }

    /** {@return the hard cap of unwritten bytes per session, past which sends fail fast} */
    public long maxQueuedSendBytes() {
        return maxQueuedSendBytes;
    }

    /** {@return what sends do while a session is backpressured} */
    public SlowConsumerPolicy slowConsumerPolicy() {
        return slowConsumerPolicy;
    }

    /** {@return the middleware stages, in order} */
    public List<Middleware> middleware() {
        return middleware;
    }

    /** {@return the TLS hook, absent for plaintext} */
    public Optional<TlsHandlerFactory> tls() {
        return Optional.ofNullable(tls);
    }

    /** {@return the most connections open at once, 0 for no limit} */
    public int maxConnections() {
        return maxConnections;
    }

    /** {@return the most connections open at once from one IP address, 0 for no limit} */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** {@return the synchronous accept-time filters, in order} */
    public List<ConnectionFilter> connectionFilters() {
        return connectionFilters;
    }

    /** {@return the asynchronous accept-time filters, in order} */
    public List<AsyncConnectionFilter> asyncConnectionFilters() {
        return asyncConnectionFilters;
    }

    /** {@return whether a PROXY protocol header is expected on every connection} */
    public boolean proxyProtocol() {
        return proxyProtocol;
    }

    @Override
    public String toString() {
        return "ServerConfig[endpoint=" + endpoint + ", dualStack=" + dualStack + ", backlog=" + backlog
                + ", " + socketOptions + ", codec=" + codec + ", " + idleTimeouts + ", transport=" + transport
                + ", ioThreads=" + ioThreads + ", resources=" + resources + ", handlerExecutor=" + handlerExecutor
                + ", maxPendingReceiveBytes=" + maxPendingReceiveBytes + ", maxPendingSendBytes=" + maxPendingSendBytes
                + ", maxQueuedSendBytes=" + maxQueuedSendBytes + ", slowConsumerPolicy=" + slowConsumerPolicy
                + ", middleware=" + middleware + ", tls=" + tls + ", maxConnections=" + maxConnections
                + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress + ", connectionFilters="
                + connectionFilters.size() + ", asyncConnectionFilters=" + asyncConnectionFilters.size() + ", proxyProtocol=" + proxyProtocol + "]";
    }

    /** Builds a {@link ServerConfig}; every setter documents its default. */
    public static final class Builder {
        private Endpoint endpoint = Endpoint.tcp(DEFAULT_PORT);
        private boolean dualStack = true;
        private int backlog = DEFAULT_BACKLOG;
        private SocketOptions socketOptions = SocketOptions.defaults();
        private FrameCodec<?> codec = RawCodec.instance();
        private IdleTimeouts idleTimeouts = IdleTimeouts.none();
        private Transport transport = Transport.AUTO;
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private StormResources resources;
        private Executor handlerExecutor;
        private int maxPendingReceiveBytes = DEFAULT_MAX_PENDING_RECEIVE_BYTES;
        private int maxPendingSendBytes = DEFAULT_MAX_PENDING_SEND_BYTES;
        private long maxQueuedSendBytes = DEFAULT_MAX_QUEUED_SEND_BYTES;
        private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.WAIT;
        private List<Middleware> middleware = List.of();
        private TlsHandlerFactory tls;
        private int maxConnections;
        private int maxConnectionsPerAddress;
        private List<ConnectionFilter> connectionFilters = new java.util.ArrayList<>();
        private List<AsyncConnectionFilter> asyncConnectionFilters = new java.util.ArrayList<>();
        private boolean proxyProtocol;

        private Builder() {
        }

        /**
         * Sets where to listen. Default {@code Endpoint.tcp(5000)}: every interface, port 5000.
         *
         * @param endpoint a TCP or Unix domain socket endpoint
         * @return this builder
         */
        public Builder endpoint(Endpoint endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * Listens on every interface at this port; shorthand for {@code endpoint(Endpoint.tcp(port))}.
         *
         * @param port 0 to 65535; 0 picks a free port
         * @return this builder
         */
        public Builder port(int port) {
            return endpoint(Endpoint.tcp(port));
        }

        /**
         * Sets whether a wildcard endpoint accepts IPv6 as well as IPv4. Default {@code true}.
         *
         * @param dualStack {@code false} to bind 0.0.0.0 only
         * @return this builder
         */
        public Builder dualStack(boolean dualStack) {
            this.dualStack = dualStack;
            return this;
        }

        /**
         * Sets the listen backlog. Default 128.
         *
         * @param backlog a positive queue length
         * @return this builder
         */
        public Builder backlog(int backlog) {
            if (backlog <= 0) {
                throw new IllegalArgumentException("backlog must be positive: " + backlog);
            }
            this.backlog = backlog;
            return this;
        }

        /**
         * Sets the options of accepted connections. Default {@link SocketOptions#defaults()}.
         *
         * @param options the socket options
         * @return this builder
         */
        public Builder socketOptions(SocketOptions options) {
            this.socketOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Sets the frame codec. Default {@link RawCodec}.
         *
         * @param codec a built-in or user codec
         * @return this builder
         */
        public Builder codec(FrameCodec<?> codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Sets idle detection. Default none.
         *
         * @param timeouts the timeouts
         * @return this builder
         */
        public Builder idleTimeouts(IdleTimeouts timeouts) {
            this.idleTimeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /**
         * Sets the transport. Default {@link Transport#AUTO}.
         *
         * @param transport the transport
         * @return this builder
         */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Sets the number of event-loop threads the server creates. Default: available processors.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder ioThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("ioThreads must be at least 1: " + threads);
            }
            this.ioThreads = threads;
            return this;
        }

        /**
         * Runs the server on shared event loops instead of its own; {@code transport} and
         * {@code ioThreads} are then taken from the resources. Default: none.
         *
         * @param resources shared resources, closed by their owner
         * @return this builder
         */
        public Builder resources(StormResources resources) {
            this.resources = Objects.requireNonNull(resources, "resources");
            return this;
        }

        /**
         * Runs event handlers on an executor (for example virtual threads) instead of the event loop;
         * each session's events still run one at a time and in order. Default: none.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder handlerExecutor(Executor executor) {
            this.handlerExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets how many received bytes may wait for a busy handler executor before the session stops
         * reading (reading resumes below half). Default 1 MiB.
         *
         * @param bytes a positive limit
         * @return this builder
         */
        public Builder maxPendingReceiveBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxPendingReceiveBytes must be positive: " + bytes);
            }
            this.maxPendingReceiveBytes = bytes;
            return this;
        }

        /**
         * Expects a PROXY protocol v1 or v2 header at the start of every connection, as sent by
         * HAProxy or a cloud TCP load balancer; the session's remote address is then the real
         * client's. Enable only behind such a proxy: a direct client could otherwise claim any
         * address. Default {@code false}.
         *
         * @param enabled whether to read the header
         * @return this builder
         */
        public Builder proxyProtocol(boolean enabled) {
            this.proxyProtocol = enabled;
            return this;
        }

        /**
         * Sets how many unwritten bytes make a session backpressured (Netty's write-buffer high
         * water mark; it recovers at half). Default 1 MiB.
         *
         * @param bytes a positive limit
         * @return this builder
         */
        public Builder maxPendingSendBytes(int bytes) {
            if (bytes <= 1) {
                throw new IllegalArgumentException("maxPendingSendBytes must be above 1: " + bytes);
            }
            this.maxPendingSendBytes = bytes;
            return this;
        }

        /**
         * Sets the hard cap of unwritten bytes per session: a send that would pass it fails fast
         * with {@link SendBufferFullException}, whatever the policy (a single frame larger than the
         * cap is still accepted when nothing else is queued). Default 4 MiB.
         *
         * @param bytes a positive cap, at least {@code maxPendingSendBytes}
         * @return this builder
         */
        public Builder maxQueuedSendBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxQueuedSendBytes must be positive: " + bytes);
            }
            this.maxQueuedSendBytes = bytes;
            return this;
        }

        /**
         * Sets what sends do while a session is backpressured. Default {@link SlowConsumerPolicy#WAIT}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder slowConsumerPolicy(SlowConsumerPolicy policy) {
            this.slowConsumerPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the middleware stages, in order, replacing any set before. Default: none.
         *
         * @param stages the middleware
         * @return this builder
         */
        public Builder middleware(Middleware... stages) {
            this.middleware = List.of(stages);
            return this;
        }

        /**
         * Limits how many connections may be open at once; excess connections are closed at accept,
         * before any handshake, and counted as rejected. Default 0: no limit.
         *
         * @param max the limit, 0 for none
         * @return this builder
         */
        public Builder maxConnections(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxConnections must not be negative: " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * Limits how many connections one IP address may have open at once (the socket's address,
         * so behind a proxy every client shares the proxy's). Default 0: no limit.
         *
         * @param max the limit, 0 for none
         * @return this builder
         */
        public Builder maxConnectionsPerAddress(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxConnectionsPerAddress must not be negative: " + max);
            }
            this.maxConnectionsPerAddress = max;
            return this;
        }

        /**
         * Adds a synchronous accept-time filter; filters run in the order added. Default: none.
         *
         * @param filter the filter
         * @return this builder
         */
        public Builder connectionFilter(ConnectionFilter filter) {
            this.connectionFilters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /**
         * Adds an asynchronous accept-time filter; they run after the synchronous ones, in the
         * order added. Default: none.
         *
         * @param filter the filter
         * @return this builder
         */
        public Builder asyncConnectionFilter(AsyncConnectionFilter filter) {
            this.asyncConnectionFilters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /**
         * Encrypts every connection with TLS; storm-ssl's options implement the hook. Default:
         * plaintext.
         *
         * @param tls the TLS hook
         * @return this builder
         */
        public Builder tls(TlsHandlerFactory tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the immutable configuration
         */
        public ServerConfig build() {
            if (maxQueuedSendBytes < maxPendingSendBytes) {
                throw new IllegalArgumentException("maxQueuedSendBytes (" + maxQueuedSendBytes
                        + ") must be at least maxPendingSendBytes (" + maxPendingSendBytes + ")");
            }
            return new ServerConfig(this);
        }
    }
}
