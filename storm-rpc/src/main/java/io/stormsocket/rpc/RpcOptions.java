package io.stormsocket.rpc;

import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.rpc.internal.EnvelopeCodec;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link RpcServer} or {@link RpcClient}. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * RpcOptions options = RpcOptions.builder()
 *         .defaultTimeout(Duration.ofSeconds(5))
 *         .heartbeatInterval(Duration.ofSeconds(10))
 *         .receiveTimeout(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 */
public final class RpcOptions {
    /** Default {@link #defaultTimeout()}: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@link #maxInFlight()}: 10,000 requests per session. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;
    /** Default {@link #heartbeatInterval()}: 15 seconds. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    /** Default {@link #receiveTimeout()}: 45 seconds. */
    public static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofSeconds(45);
    /** Default {@link #maxEnvelopeBytes()}: 1 MiB. */
    public static final int DEFAULT_MAX_ENVELOPE_BYTES = 1024 * 1024;

    private final Duration defaultTimeout;
    private final int maxInFlight;
    private final Duration heartbeatInterval;
    private final Duration receiveTimeout;
    private final int maxEnvelopeBytes;
    private final RpcSerializer serializer;
    private final boolean sendStackTraces;

    private RpcOptions(Builder b) {
        this.defaultTimeout = b.defaultTimeout;
        this.maxInFlight = b.maxInFlight;
        this.heartbeatInterval = b.heartbeatInterval;
        this.receiveTimeout = b.receiveTimeout;
        this.maxEnvelopeBytes = b.maxEnvelopeBytes;
        this.serializer = b.serializer;
        this.sendStackTraces = b.sendStackTraces;
    }

    /**
     * Returns the defaults.
     *
     * @return options with every default
     */
    public static RpcOptions defaults() {
        return builder().build();
    }

    /**
     * Starts building options.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding these options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.defaultTimeout = defaultTimeout;
        b.maxInFlight = maxInFlight;
        b.heartbeatInterval = heartbeatInterval;
        b.receiveTimeout = receiveTimeout;
        b.maxEnvelopeBytes = maxEnvelopeBytes;
        b.serializer = serializer;
        b.sendStackTraces = sendStackTraces;
        return b;
    }

    /**
     * Returns the frame codec of the RPC envelope, to put in the {@code ServerConfig} or
     * {@code ClientConfig} of a Storm server or client that {@link RpcServer#wrap} or
     * {@link RpcClient#wrap} then wraps.
     *
     * @return a codec for envelopes of at most {@link #maxEnvelopeBytes()}
     */
    public FrameCodec<?> codec() {
        return new EnvelopeCodec(maxEnvelopeBytes, true);
    }

    /**
     * Returns the codec of the RPC envelope for transports that frame messages themselves: one
     * envelope per message, without the length prefix. Give it to a WebSocket server or client as
     * its message codec, then wrap its Storm server or client:
     *
     * <pre>{@code
     * RpcOptions rpc = RpcOptions.defaults();
     * StormWebSocketServer ws = StormWebSocketServer.create(ServerConfig.builder().port(9000),
     *         WebSocketServerOptions.builder().messageCodec(rpc.messageCodec()).build());
     * RpcServer server = RpcServer.wrap(ws.storm(), rpc);
     * }</pre>
     *
     * @return a codec for one envelope of at most {@link #maxEnvelopeBytes()} per message
     */
    public FrameCodec<?> messageCodec() {
        return new EnvelopeCodec(maxEnvelopeBytes, false);
    }

    /**
     * Returns the timeout of requests that name none.
     *
     * @return the default request timeout
     */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /**
     * Returns the limit of requests pending per session; one more fails at once with
     * {@link InFlightLimitException}.
     *
     * @return the limit
     */
    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * Returns how often a ping is sent on each session; {@link Duration#ZERO} disables heartbeats.
     *
     * @return the heartbeat interval
     */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /**
     * Returns how long a session may receive nothing (no envelope, ping or pong) before it is
     * closed with {@code CloseReason.HEARTBEAT_TIMEOUT}; only checked while heartbeats are enabled.
     *
     * @return the receive timeout
     */
    public Duration receiveTimeout() {
        return receiveTimeout;
    }

    /**
     * Returns the largest envelope sent or accepted, in bytes after the length prefix.
     *
     * @return the limit
     */
    public int maxEnvelopeBytes() {
        return maxEnvelopeBytes;
    }

    /**
     * Returns the payload serializer.
     *
     * @return the serializer
     */
    public RpcSerializer serializer() {
        return serializer;
    }

    /**
     * Tells whether a failed handler's stack trace is sent to the caller; off by default, as
     * stack traces disclose internals.
     *
     * @return whether stack traces are sent
     */
    public boolean sendStackTraces() {
        return sendStackTraces;
    }

    @Override
    public String toString() {
        return "RpcOptions[defaultTimeout=" + defaultTimeout + ", maxInFlight=" + maxInFlight + ", heartbeatInterval="
                + heartbeatInterval + ", receiveTimeout=" + receiveTimeout + ", maxEnvelopeBytes=" + maxEnvelopeBytes
                + ", serializer=" + serializer + ", sendStackTraces=" + sendStackTraces + "]";
    }

    /** Builds {@link RpcOptions}; every setter validates its argument. */
    public static final class Builder {
        private Duration defaultTimeout = DEFAULT_TIMEOUT;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private Duration receiveTimeout = DEFAULT_RECEIVE_TIMEOUT;
        private int maxEnvelopeBytes = DEFAULT_MAX_ENVELOPE_BYTES;
        private RpcSerializer serializer = RpcSerializer.json();
        private boolean sendStackTraces;

        private Builder() {
        }

        /**
         * Sets the timeout of requests that name none; default {@link #DEFAULT_TIMEOUT}.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder defaultTimeout(Duration timeout) {
            this.defaultTimeout = Validation.positive(timeout, "defaultTimeout");
            return this;
        }

        /**
         * Sets the limit of requests pending per session; default {@link #DEFAULT_MAX_IN_FLIGHT}.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxInFlight(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1: " + max);
            }
            this.maxInFlight = max;
            return this;
        }

        /**
         * Sets how often pings are sent; {@link Duration#ZERO} disables heartbeats; default
         * {@link #DEFAULT_HEARTBEAT_INTERVAL}.
         *
         * @param interval zero or positive
         * @return this builder
         */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = Validation.notNegative(interval, "heartbeatInterval");
            return this;
        }

        /**
         * Sets how long a session may receive nothing before it is closed; default
         * {@link #DEFAULT_RECEIVE_TIMEOUT}. Must exceed the heartbeat interval.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder receiveTimeout(Duration timeout) {
            this.receiveTimeout = Validation.positive(timeout, "receiveTimeout");
            return this;
        }

        /**
         * Sets the largest envelope sent or accepted; default {@link #DEFAULT_MAX_ENVELOPE_BYTES}.
         *
         * @param bytes at least 64
         * @return this builder
         */
        public Builder maxEnvelopeBytes(int bytes) {
            if (bytes < 64) {
                throw new IllegalArgumentException("maxEnvelopeBytes must be at least 64: " + bytes);
            }
            this.maxEnvelopeBytes = bytes;
            return this;
        }

        /**
         * Sets the payload serializer; default {@link RpcSerializer#json()}.
         *
         * @param serializer the serializer
         * @return this builder
         */
        public Builder serializer(RpcSerializer serializer) {
            this.serializer = Objects.requireNonNull(serializer, "serializer");
            return this;
        }

        /**
         * Sets whether a failed handler's stack trace is sent to the caller; default {@code false}.
         *
         * @param send whether to send stack traces
         * @return this builder
         */
        public Builder sendStackTraces(boolean send) {
            this.sendStackTraces = send;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException if heartbeats are on and the receive timeout does not
         *     exceed the heartbeat interval
         */
        public RpcOptions build() {
            if (!heartbeatInterval.isZero() && receiveTimeout.compareTo(heartbeatInterval) <= 0) {
                throw new IllegalArgumentException("receiveTimeout " + receiveTimeout
                        + " must exceed heartbeatInterval " + heartbeatInterval);
            }
            return new RpcOptions(this);
        }
    }
}
