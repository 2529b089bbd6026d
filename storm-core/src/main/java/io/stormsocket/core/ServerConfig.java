package io.stormsocket.core;

import io.netty.util.NetUtil;
import io.stormsocket.core.codec.RawCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Immutable configuration of a {@link StormServer}.
 *
 * <table>
 * <caption>Options and defaults</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code endpoint}</td><td>{@code *:5000}</td><td>where to listen; the wildcard accepts IPv4 and IPv6</td></tr>
 * <tr><td>{@code dualStack}</td><td>{@code true}</td><td>on the wildcard address, accept IPv6 too; {@code false} binds 0.0.0.0 only</td></tr>
 * <tr><td>{@code backlog}</td><td>the OS maximum (somaxconn, often 4096)</td><td>pending-connection queue length (SO_BACKLOG)</td></tr>
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
public final class ServerConfig extends ConnectionConfig {
    /** Default port: 5000. */
    public static final int DEFAULT_PORT = 5000;
    /**
     * Default listen backlog: the operating system's maximum ({@code somaxconn}, often 4096), as
     * Netty reads it. A short queue drops connections that arrive in a burst: the client sees its
     * connect succeed while the server never accepts it.
     */
    public static final int DEFAULT_BACKLOG = NetUtil.SOMAXCONN;

    private final Endpoint endpoint;
    private final boolean dualStack;
    private final int backlog;
    private final boolean proxyProtocol;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final List<ConnectionFilter> connectionFilters;
    private final List<AsyncConnectionFilter> asyncConnectionFilters;

    private ServerConfig(Builder b) {
        super(b);
        this.endpoint = b.endpoint;
        this.dualStack = b.dualStack;
        this.backlog = b.backlog;
        this.proxyProtocol = b.proxyProtocol;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.connectionFilters = List.copyOf(b.connectionFilters);
        this.asyncConnectionFilters = List.copyOf(b.asyncConnectionFilters);
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
        return new Builder(this);
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

    /** {@return whether a PROXY protocol header is expected on every connection} */
    public boolean proxyProtocol() {
        return proxyProtocol;
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

    @Override
    public String toString() {
        return "ServerConfig[endpoint=" + endpoint + ", dualStack=" + dualStack + ", backlog=" + backlog
                + ", proxyProtocol=" + proxyProtocol + ", maxConnections=" + maxConnections
                + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress + ", connectionFilters="
                + connectionFilters.size() + ", asyncConnectionFilters=" + asyncConnectionFilters.size() + ", "
                + sharedOptionsToString() + "]";
    }

    /** Builds a {@link ServerConfig}; every setter documents its default. */
    public static final class Builder extends ConnectionConfig.Builder<Builder> {
        private Endpoint endpoint = Endpoint.tcp(DEFAULT_PORT);
        private boolean dualStack = true;
        private int backlog = DEFAULT_BACKLOG;
        private boolean proxyProtocol;
        private int maxConnections;
        private int maxConnectionsPerAddress;
        private final List<ConnectionFilter> connectionFilters = new ArrayList<>();
        private final List<AsyncConnectionFilter> asyncConnectionFilters = new ArrayList<>();

        private Builder() {
            super(Runtime.getRuntime().availableProcessors());
        }

        private Builder(ServerConfig c) {
            super(c);
            this.endpoint = c.endpoint;
            this.dualStack = c.dualStack;
            this.backlog = c.backlog;
            this.proxyProtocol = c.proxyProtocol;
            this.maxConnections = c.maxConnections;
            this.maxConnectionsPerAddress = c.maxConnectionsPerAddress;
            this.connectionFilters.addAll(c.connectionFilters);
            this.asyncConnectionFilters.addAll(c.asyncConnectionFilters);
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
         * Builds the configuration.
         *
         * @return the immutable configuration
         */
        public ServerConfig build() {
            validateShared();
            return new ServerConfig(this);
        }
    }
}
