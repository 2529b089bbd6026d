package io.stormsocket.websocket;

import io.stormsocket.core.codec.FrameCodec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The WebSocket options servers and clients share; {@link WebSocketServerOptions} and
 * {@link WebSocketClientOptions} add their own.
 *
 * <table>
 *   <caption>Shared options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>maxFrameSize</td><td>1 MiB</td><td>largest frame payload accepted; a larger frame fails the connection with 1009 before any of it is buffered</td></tr>
 *   <tr><td>maxMessageSize</td><td>4 MiB</td><td>largest message after reassembly and decompression (an empty fragment that does not end the message counts one byte); past it, 1009</td></tr>
 *   <tr><td>handshakeTimeout</td><td>5 s</td><td>from TCP connect to a completed upgrade, TLS included</td></tr>
 *   <tr><td>subprotocols</td><td>none</td><td>a server's supported list (its preference order) or a client's offer</td></tr>
 *   <tr><td>compression</td><td>{@link DeflateOptions#defaults()}</td><td>permessage-deflate (RFC 7692)</td></tr>
 *   <tr><td>heartbeat</td><td>{@link Heartbeat#disabled()}</td><td>pings and missed-pong limit</td></tr>
 *   <tr><td>autoPong</td><td>true</td><td>answer pings automatically; when off, pings reach the message handler</td></tr>
 *   <tr><td>closeTimeout</td><td>5 s</td><td>how long a closing handshake waits for the peer's Close</td></tr>
 *   <tr><td>messageCodec</td><td>none</td><td>a {@link FrameCodec} that turns each message into one typed frame and back (storm-rpc uses it)</td></tr>
 * </table>
 */
public abstract sealed class WebSocketOptions permits WebSocketServerOptions, WebSocketClientOptions {
    /** Default largest frame: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 1024 * 1024;
    /** Default largest message: 4 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;
    /** Default handshake timeout: 5 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    /** Default closing-handshake timeout: 5 seconds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final int maxFrameSize;
    private final int maxMessageSize;
    private final Duration handshakeTimeout;
    private final List<String> subprotocols;
    private final DeflateOptions compression;
    private final Heartbeat heartbeat;
    private final boolean autoPong;
    private final Duration closeTimeout;
    private final FrameCodec<?> messageCodec;

    WebSocketOptions(Builder<?> b) {
        if (b.maxMessageSize < b.maxFrameSize) {
            throw new IllegalArgumentException("maxMessageSize (" + b.maxMessageSize + ") must be at least maxFrameSize ("
                    + b.maxFrameSize + ")");
        }
        this.maxFrameSize = b.maxFrameSize;
        this.maxMessageSize = b.maxMessageSize;
        this.handshakeTimeout = b.handshakeTimeout;
        this.subprotocols = b.subprotocols;
        this.compression = b.compression;
        this.heartbeat = b.heartbeat;
        this.autoPong = b.autoPong;
        this.closeTimeout = b.closeTimeout;
        this.messageCodec = b.messageCodec;
    }

    /** {@return the largest frame payload accepted, in bytes} */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** {@return the largest message accepted after reassembly and decompression, in bytes} */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** {@return the time from TCP connect to a completed upgrade} */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** {@return the subprotocols, in preference order} */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** {@return the permessage-deflate options} */
    public DeflateOptions compression() {
        return compression;
    }

    /** {@return the heartbeat} */
    public Heartbeat heartbeat() {
        return heartbeat;
    }

    /** {@return whether pings are answered automatically} */
    public boolean autoPong() {
        return autoPong;
    }

    /** {@return how long a closing handshake waits for the peer's Close} */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** {@return the codec of typed messages, if any} */
    public java.util.Optional<FrameCodec<?>> messageCodec() {
        return java.util.Optional.ofNullable(messageCodec);
    }

    String sharedToString() {
        return "maxFrameSize=" + maxFrameSize + ", maxMessageSize=" + maxMessageSize + ", handshakeTimeout="
                + handshakeTimeout + ", subprotocols=" + subprotocols + ", compression=" + compression
                + ", heartbeat=" + heartbeat + ", autoPong=" + autoPong + ", closeTimeout=" + closeTimeout
                + (messageCodec == null ? "" : ", messageCodec=" + messageCodec);
    }

    /**
     * The setters of the shared options.
     *
     * @param <B> the concrete builder
     */
    public abstract static sealed class Builder<B extends Builder<B>>
            permits WebSocketServerOptions.Builder, WebSocketClientOptions.Builder {
        private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private List<String> subprotocols = List.of();
        private DeflateOptions compression = DeflateOptions.defaults();
        private Heartbeat heartbeat = Heartbeat.disabled();
        private boolean autoPong = true;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private FrameCodec<?> messageCodec;

        Builder() {
        }

        Builder(WebSocketOptions o) {
            this.maxFrameSize = o.maxFrameSize;
            this.maxMessageSize = o.maxMessageSize;
            this.handshakeTimeout = o.handshakeTimeout;
            this.subprotocols = o.subprotocols;
            this.compression = o.compression;
            this.heartbeat = o.heartbeat;
            this.autoPong = o.autoPong;
            this.closeTimeout = o.closeTimeout;
            this.messageCodec = o.messageCodec;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /**
         * Sets the largest frame payload accepted. Default 1 MiB.
         *
         * @param bytes at least 125 (every control frame must fit)
         * @return this builder
         */
        public B maxFrameSize(int bytes) {
            if (bytes < 125) {
                throw new IllegalArgumentException("maxFrameSize must be at least 125: " + bytes);
            }
            this.maxFrameSize = bytes;
            return self();
        }

        /**
         * Sets the largest message accepted after reassembly and decompression. Default 4 MiB.
         *
         * @param bytes at least {@code maxFrameSize}
         * @return this builder
         */
        public B maxMessageSize(int bytes) {
            if (bytes < 125) {
                throw new IllegalArgumentException("maxMessageSize must be at least 125: " + bytes);
            }
            this.maxMessageSize = bytes;
            return self();
        }

        /**
         * Sets the time from TCP connect to a completed upgrade. Default 5 seconds.
         *
         * @param timeout positive
         * @return this builder
         */
        public B handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshakeTimeout");
            return self();
        }

        /**
         * Sets the subprotocols: for a server, those it supports in preference order; for a client,
         * those it offers. Default none.
         *
         * @param subprotocols the names
         * @return this builder
         */
        public B subprotocols(String... subprotocols) {
            this.subprotocols = List.of(subprotocols);
            return self();
        }

        /**
         * Sets permessage-deflate. Default {@link DeflateOptions#defaults()}: on when the peer agrees.
         *
         * @param compression the options, or {@link DeflateOptions#disabled()}
         * @return this builder
         */
        public B compression(DeflateOptions compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return self();
        }

        /**
         * Sets the heartbeat. Default {@link Heartbeat#disabled()}.
         *
         * @param heartbeat the heartbeat
         * @return this builder
         */
        public B heartbeat(Heartbeat heartbeat) {
            this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
            return self();
        }

        /**
         * Sets whether pings are answered automatically. Default true; when false, pings reach the
         * message handler as {@link WebSocketMessage.Type#PING} and
         * {@link WebSocketSession#pong} answers them.
         *
         * @param autoPong whether to answer automatically
         * @return this builder
         */
        public B autoPong(boolean autoPong) {
            this.autoPong = autoPong;
            return self();
        }

        /**
         * Sets how long a closing handshake waits for the peer's Close before the connection is
         * closed anyway. Default 5 seconds.
         *
         * @param timeout positive
         * @return this builder
         */
        public B closeTimeout(Duration timeout) {
            this.closeTimeout = positive(timeout, "closeTimeout");
            return self();
        }

        /**
         * Carries typed frames in messages: every received message (text or binary) is decoded by
         * the codec into exactly one frame, which handlers receive instead of a
         * {@link WebSocketMessage}; {@code sendFrame} of the codec's type sends a binary message.
         * Strings and bytes are still sent as text and binary. A message that is not exactly one
         * frame fails the connection with 1007. storm-rpc runs over WebSocket this way. Default:
         * none.
         *
         * @param codec the codec; each session gets {@link FrameCodec#newSessionCodec()}
         * @return this builder
         */
        public B messageCodec(FrameCodec<?> codec) {
            this.messageCodec = Objects.requireNonNull(codec, "codec");
            return self();
        }

        static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
