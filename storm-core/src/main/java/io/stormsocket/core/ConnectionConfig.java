package io.stormsocket.core;

import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.core.codec.RawCodec;
import io.stormsocket.core.spi.SessionProtocol;
import io.stormsocket.core.spi.TlsHandlerFactory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The options servers and clients share: how each connection is framed, timed, threaded, limited
 * and encrypted. {@link ServerConfig} and {@link ClientConfig} add their own; both document every
 * default in their option tables.
 */
public abstract sealed class ConnectionConfig permits ServerConfig, ClientConfig {
    /** Default receive limit for a busy handler executor: 1 MiB. */
    public static final int DEFAULT_MAX_PENDING_RECEIVE_BYTES = 1024 * 1024;
    /** Default unwritten bytes at which a session becomes backpressured: 1 MiB. */
    public static final int DEFAULT_MAX_PENDING_SEND_BYTES = 1024 * 1024;
    /** Default hard cap of unwritten bytes per session: 4 MiB. */
    public static final long DEFAULT_MAX_QUEUED_SEND_BYTES = 4L * 1024 * 1024;

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
    private final SessionProtocol protocol;

    ConnectionConfig(Builder<?> b) {
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
        this.protocol = b.protocol;
    }

    /** {@return the per-connection socket options} */
    public SocketOptions socketOptions() {
        return socketOptions;
    }

    /** {@return the wire protocol replacing the frame codec (set by protocol modules), if any} */
    public Optional<SessionProtocol> protocol() {
        return Optional.ofNullable(protocol);
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

    /** {@return the event-loop thread count when the server or client owns its threads} */
    public int ioThreads() {
        return ioThreads;
    }

    /** {@return shared event loops, absent when the server or client owns its own} */
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

    /** {@return the shared options as {@code name=value} pairs, for {@code toString}} */
    String sharedOptionsToString() {
        return socketOptions + ", codec=" + codec + ", " + idleTimeouts + ", transport=" + transport
                + ", ioThreads=" + ioThreads + ", resources=" + resources + ", handlerExecutor=" + handlerExecutor
                + ", maxPendingReceiveBytes=" + maxPendingReceiveBytes + ", maxPendingSendBytes=" + maxPendingSendBytes
                + ", maxQueuedSendBytes=" + maxQueuedSendBytes + ", slowConsumerPolicy=" + slowConsumerPolicy
                + ", middleware=" + middleware + ", tls=" + tls + (protocol == null ? "" : ", protocol=" + protocol);
    }

    /**
     * The setters of the shared options; {@link ServerConfig.Builder} and
     * {@link ClientConfig.Builder} extend it.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static sealed class Builder<B extends Builder<B>> permits ServerConfig.Builder, ClientConfig.Builder {
        private SocketOptions socketOptions = SocketOptions.defaults();
        private FrameCodec<?> codec = RawCodec.instance();
        private IdleTimeouts idleTimeouts = IdleTimeouts.none();
        private Transport transport = Transport.AUTO;
        private int ioThreads;
        private StormResources resources;
        private Executor handlerExecutor;
        private int maxPendingReceiveBytes = DEFAULT_MAX_PENDING_RECEIVE_BYTES;
        private int maxPendingSendBytes = DEFAULT_MAX_PENDING_SEND_BYTES;
        private long maxQueuedSendBytes = DEFAULT_MAX_QUEUED_SEND_BYTES;
        private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.WAIT;
        private List<Middleware> middleware = List.of();
        private TlsHandlerFactory tls;
        private SessionProtocol protocol;

        Builder(int defaultIoThreads) {
            this.ioThreads = defaultIoThreads;
        }

        /** Copies the shared options of an existing configuration (for {@code toBuilder}). */
        Builder(ConnectionConfig c) {
            this.socketOptions = c.socketOptions;
            this.codec = c.codec;
            this.idleTimeouts = c.idleTimeouts;
            this.transport = c.transport;
            this.ioThreads = c.ioThreads;
            this.resources = c.resources;
            this.handlerExecutor = c.handlerExecutor;
            this.maxPendingReceiveBytes = c.maxPendingReceiveBytes;
            this.maxPendingSendBytes = c.maxPendingSendBytes;
            this.maxQueuedSendBytes = c.maxQueuedSendBytes;
            this.slowConsumerPolicy = c.slowConsumerPolicy;
            this.middleware = c.middleware;
            this.tls = c.tls;
            this.protocol = c.protocol;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /**
         * Sets the socket options of every connection. Default {@link SocketOptions#defaults()}.
         *
         * @param options the options
         * @return this builder
         */
        public B socketOptions(SocketOptions options) {
            this.socketOptions = Objects.requireNonNull(options, "options");
            return self();
        }

        /**
         * Sets the frame codec. Default {@link RawCodec}.
         *
         * @param codec a built-in or user codec
         * @return this builder
         */
        public B codec(FrameCodec<?> codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return self();
        }

        /**
         * Replaces the frame-codec stage with a wire protocol that has its own handshake and
         * framing. Protocol modules set this (storm-websocket's server and client do); applications
         * use those modules' classes instead. Default: none, the {@linkplain #codec codec} frames.
         *
         * @param protocol the protocol hook
         * @return this builder
         */
        public B protocol(SessionProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return self();
        }

        /**
         * Sets idle detection. Default none.
         *
         * @param timeouts the timeouts
         * @return this builder
         */
        public B idleTimeouts(IdleTimeouts timeouts) {
            this.idleTimeouts = Objects.requireNonNull(timeouts, "timeouts");
            return self();
        }

        /**
         * Sets the transport. Default {@link Transport#AUTO}.
         *
         * @param transport the transport
         * @return this builder
         */
        public B transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return self();
        }

        /**
         * Sets the number of event-loop threads created when no shared resources are given.
         * Default: available processors for a server, 1 for a client.
         *
         * @param threads at least 1
         * @return this builder
         */
        public B ioThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("ioThreads must be at least 1: " + threads);
            }
            this.ioThreads = threads;
            return self();
        }

        /**
         * Runs on shared event loops instead of creating threads; {@code transport} and
         * {@code ioThreads} are then taken from the resources, which their owner closes. The way to
         * hold many clients in one process. Default: none.
         *
         * @param resources shared resources
         * @return this builder
         */
        public B resources(StormResources resources) {
            this.resources = Objects.requireNonNull(resources, "resources");
            return self();
        }

        /**
         * Runs event handlers on an executor (for example virtual threads) instead of the event loop;
         * each session's events still run one at a time and in order. Default: none.
         *
         * @param executor the executor
         * @return this builder
         */
        public B handlerExecutor(Executor executor) {
            this.handlerExecutor = Objects.requireNonNull(executor, "executor");
            return self();
        }

        /**
         * Sets how many received bytes may wait for a busy handler executor before the session stops
         * reading (reading resumes below half). Default 1 MiB.
         *
         * @param bytes a positive limit
         * @return this builder
         */
        public B maxPendingReceiveBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxPendingReceiveBytes must be positive: " + bytes);
            }
            this.maxPendingReceiveBytes = bytes;
            return self();
        }

        /**
         * Sets how many unwritten bytes make a session backpressured (Netty's write-buffer high
         * water mark; it recovers at half). Default 1 MiB.
         *
         * @param bytes a limit above 1
         * @return this builder
         */
        public B maxPendingSendBytes(int bytes) {
            if (bytes <= 1) {
                throw new IllegalArgumentException("maxPendingSendBytes must be above 1: " + bytes);
            }
            this.maxPendingSendBytes = bytes;
            return self();
        }

        /**
         * Sets the hard cap of unwritten bytes per session: a send that would pass it fails fast
         * with {@link SendBufferFullException}, whatever the policy (a single frame larger than the
         * cap is still accepted when nothing else is queued). Default 4 MiB.
         *
         * @param bytes a positive cap, at least {@code maxPendingSendBytes}
         * @return this builder
         */
        public B maxQueuedSendBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxQueuedSendBytes must be positive: " + bytes);
            }
            this.maxQueuedSendBytes = bytes;
            return self();
        }

        /**
         * Sets what sends do while a session is backpressured. Default {@link SlowConsumerPolicy#WAIT}.
         *
         * @param policy the policy
         * @return this builder
         */
        public B slowConsumerPolicy(SlowConsumerPolicy policy) {
            this.slowConsumerPolicy = Objects.requireNonNull(policy, "policy");
            return self();
        }

        /**
         * Sets the middleware stages, in order, replacing any set before. Default: none.
         *
         * @param stages the middleware
         * @return this builder
         */
        public B middleware(Middleware... stages) {
            this.middleware = List.of(stages);
            return self();
        }

        /**
         * Encrypts every connection with TLS; storm-ssl's options implement the hook. Default:
         * plaintext.
         *
         * @param tls the TLS hook
         * @return this builder
         */
        public B tls(TlsHandlerFactory tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return self();
        }

        /** Checks the shared options against each other; called by {@code build()}. */
        void validateShared() {
            if (maxQueuedSendBytes < maxPendingSendBytes) {
                throw new IllegalArgumentException("maxQueuedSendBytes (" + maxQueuedSendBytes
                        + ") must be at least maxPendingSendBytes (" + maxPendingSendBytes + ")");
            }
        }
    }
}
