package io.stormsocket.core;

import io.stormsocket.core.codec.RawCodec;
import java.time.Duration;
import java.util.Objects;

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
public final class ClientConfig extends ConnectionConfig {
    /** Default connect timeout: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Endpoint endpoint;
    private final Duration connectTimeout;
    private final ReconnectPolicy reconnect;
    private final OfflineBuffer offlineBuffer;

    private ClientConfig(Builder b) {
        super(b);
        this.endpoint = b.endpoint;
        this.connectTimeout = b.connectTimeout;
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
        return new Builder(this);
    }

    /** {@return where the client connects} */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** {@return how long a connect attempt may take} */
    public Duration connectTimeout() {
        return connectTimeout;
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
        return "ClientConfig[endpoint=" + endpoint + ", connectTimeout=" + connectTimeout + ", reconnect=" + reconnect
                + ", offlineBuffer=" + offlineBuffer + ", " + sharedOptionsToString() + "]";
    }

    /** Builds a {@link ClientConfig}; every setter documents its default. */
    public static final class Builder extends ConnectionConfig.Builder<Builder> {
        private Endpoint endpoint = Endpoint.tcp("localhost", ServerConfig.DEFAULT_PORT);
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private ReconnectPolicy reconnect = ReconnectPolicy.disabled();
        private OfflineBuffer offlineBuffer = OfflineBuffer.disabled();

        private Builder() {
            super(1);
        }

        private Builder(ClientConfig c) {
            super(c);
            this.endpoint = c.endpoint;
            this.connectTimeout = c.connectTimeout;
            this.reconnect = c.reconnect;
            this.offlineBuffer = c.offlineBuffer;
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
            validateShared();
            return new ClientConfig(this);
        }
    }
}
