package io.stormsocket.core;

import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.core.codec.RawCodec;
import io.stormsocket.core.spi.TlsHandlerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Immutable configuration of a {@link StormClient}.
 *
 * <table>
 * <caption>Options and defaults</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code endpoint}</td><td>{@code localhost:5000}</td><td>where to connect</td></tr>
 * <tr><td>{@code connectTimeout}</td><td>10 s</td><td>how long a connect attempt may take</td></tr>
 * <tr><td>{@code socketOptions}</td><td>{@link SocketOptions#defaults()}</td><td>TCP_NODELAY and SO_KEEPALIVE on, OS buffer sizes</td></tr>
 * <tr><td>{@code codec}</td><td>{@link RawCodec}</td><td>how bytes become frames</td></tr>
 * <tr><td>{@code idleTimeouts}</td><td>none</td><td>reader / writer / all idle detection</td></tr>
 * <tr><td>{@code transport}</td><td>{@link Transport#AUTO}</td><td>io_uring, epoll, kqueue or NIO</td></tr>
 * <tr><td>{@code ioThreads}</td><td>1</td><td>event-loop threads when the client owns them</td></tr>
 * <tr><td>{@code resources}</td><td>none (own thread)</td><td>shared event loops: use them for many clients</td></tr>
 * <tr><td>{@code handlerExecutor}</td><td>none (event loop)</td><td>where event handlers run, order kept</td></tr>
 * <tr><td>{@code maxPendingReceiveBytes}</td><td>1 MiB</td><td>received bytes queued for a busy handler executor before reading pauses</td></tr>
 * <tr><td>{@code maxPendingSendBytes}</td><td>1 MiB</td><td>unwritten bytes that make a session backpressured (recovers at half)</td></tr>
 * <tr><td>{@code maxQueuedSendBytes}</td><td>4 MiB</td><td>hard cap of unwritten bytes; sends past it fail fast</td></tr>
 * <tr><td>{@code slowConsumerPolicy}</td><td>{@link SlowConsumerPolicy#WAIT}</td><td>what sends do while backpressured</td></tr>
 * <tr><td>{@code middleware}</td><td>none</td><td>ordered {@link Middleware} stages, e.g. a {@link RateLimiter}</td></tr>
 * <tr><td>{@code tls}</td><td>none (plaintext)</td><td>the TLS hook, from storm-ssl</td></tr>
 * <tr><td>{@code reconnect}</td><td>{@link ReconnectPolicy#disabled()}</td><td>whether and how to reconnect after the connection is lost</td></tr>
 * <tr><td>{@code offlineBuffer}</td><td>{@link OfflineBuffer#disabled()}</td><td>whether to hold sends while a connection is on its way</td></tr>
 * </table>
 */
public final class ClientConfig {
    /** Default connect timeout: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Endpoint endpoint;
    private final Duration connectTimeout;
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
    private final ReconnectPolicy reconnect;
    private final OfflineBuffer offlineBuffer;

    private ClientConfig(Builder b) {
        this.endpoint = b.endpoint;
        this.connectTimeout = b.connectTimeout;
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
        this.reconnect = b.reconnect;
        this.offlineBuffer = b.offlineBuffer;
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
        b.connectTimeout = connectTimeout;
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
        b.reconnect = reconnect;
        b.offlineBuffer = offlineBuffer;
        return b;
    }

    /** {@return where the client connects} */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** {@return how long a connect attempt may take} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return the socket options} */
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

    /** {@return the event-loop thread count when the client owns its threads} */
    public int ioThreads() {
        return ioThreads;
    }

    /** {@return shared event loops, absent when the client owns its own} */
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

    /** {@return whether and how the client reconnects after its connection is lost} */
    public ReconnectPolicy reconnect() {
        return reconnect;
    }

    /** {@return whether and how many sends are held while a connection is on its way} */
    public OfflineBuffer offlineBuffer() {
        return offlineBuffer;
    }

    @Override
    public String toString() {
        return "ClientConfig[endpoint=" + endpoint + ", connectTimeout=" + connectTimeout + ", " + socketOptions
                + ", codec=" + codec + ", " + idleTimeouts + ", transport=" + transport + ", ioThreads=" + ioThreads
                + ", resources=" + resources + ", handlerExecutor=" + handlerExecutor
                + ", maxPendingReceiveBytes=" + maxPendingReceiveBytes + ", maxPendingSendBytes=" + maxPendingSendBytes
                + ", maxQueuedSendBytes=" + maxQueuedSendBytes + ", slowConsumerPolicy=" + slowConsumerPolicy
                + ", middleware=" + middleware + ", tls=" + tls + ", reconnect=" + reconnect
                + ", offlineBuffer=" + offlineBuffer + "]";
    }

    /** Builds a {@link ClientConfig}; every setter documents its default. */
    public static final class Builder {
        private Endpoint endpoint = Endpoint.tcp("localhost", ServerConfig.DEFAULT_PORT);
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private SocketOptions socketOptions = SocketOptions.defaults();
        private FrameCodec<?> codec = RawCodec.instance();
        private IdleTimeouts idleTimeouts = IdleTimeouts.none();
        private Transport transport = Transport.AUTO;
        private int ioThreads = 1;
        private StormResources resources;
        private Executor handlerExecutor;
        private int maxPendingReceiveBytes = ServerConfig.DEFAULT_MAX_PENDING_RECEIVE_BYTES;
        private int maxPendingSendBytes = ServerConfig.DEFAULT_MAX_PENDING_SEND_BYTES;
        private long maxQueuedSendBytes = ServerConfig.DEFAULT_MAX_QUEUED_SEND_BYTES;
        private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.WAIT;
        private List<Middleware> middleware = List.of();
        private TlsHandlerFactory tls;
        private ReconnectPolicy reconnect = ReconnectPolicy.disabled();
        private OfflineBuffer offlineBuffer = OfflineBuffer.disabled();

        private Builder() {
        }

        /**
         * Sets where to connect. Default {@code localhost:5000}.
         *
         * @param endpoint a TCP or Unix domain socket endpoint
         * @return this builder
         */
        public Builder endpoint(Endpoint endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * Connects to a TCP host and port; shorthand for {@code endpoint(Endpoint.tcp(host, port))}.
         *
         * @param host the host
         * @param port the port
         * @return this builder
         */
        public Builder endpoint(String host, int port) {
            return endpoint(Endpoint.tcp(host, port));
        }

        /**
         * Sets how long a connect attempt may take. Default 10 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive: " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Sets the socket options. Default {@link SocketOptions#defaults()}.
         *
         * @param options the options
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
         * Sets the number of event-loop threads the client creates. Default 1.
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
         * Runs the client on shared event loops; the way to hold many clients in one process.
         * Default: none.
         *
         * @param resources shared resources, closed by their owner
         * @return this builder
         */
        public Builder resources(StormResources resources) {
            this.resources = Objects.requireNonNull(resources, "resources");
            return this;
        }

        /**
         * Runs event handlers on an executor instead of the event loop, in order. Default: none.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder handlerExecutor(Executor executor) {
            this.handlerExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets how many received bytes may wait for a busy handler executor before reading pauses.
         * Default 1 MiB.
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
         * Sets whether and how the client reconnects after its connection is lost. Default
         * {@link ReconnectPolicy#disabled()}: a lost connection leaves the client
         * {@link ClientState#DISCONNECTED}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets whether sends made while a connection is on its way are held and delivered once it
         * opens. Default {@link OfflineBuffer#disabled()}: such sends fail at once with
         * {@link SessionClosedException}.
         *
         * @param buffer the buffer setting
         * @return this builder
         */
        public Builder offlineBuffer(OfflineBuffer buffer) {
            this.offlineBuffer = Objects.requireNonNull(buffer, "buffer");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the immutable configuration
         */
        public ClientConfig build() {
            if (maxQueuedSendBytes < maxPendingSendBytes) {
                throw new IllegalArgumentException("maxQueuedSendBytes (" + maxQueuedSendBytes
                        + ") must be at least maxPendingSendBytes (" + maxPendingSendBytes + ")");
            }
            return new ClientConfig(this);
        }
    }
}
