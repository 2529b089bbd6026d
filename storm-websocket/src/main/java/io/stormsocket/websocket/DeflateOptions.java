package io.stormsocket.websocket;

/**
 * Settings of the permessage-deflate extension
 * (<a href="https://www.rfc-editor.org/rfc/rfc7692">RFC 7692</a>). The same class configures a
 * server and a client; each setting reads slightly differently from either side, as described on
 * the builder methods:
 *
 * <ul>
 *   <li>a <b>server</b> accepts the first acceptable client offer and uses these settings as its
 *       limits: it never agrees to a larger window than configured, and asks for no context takeover
 *       when configured;</li>
 *   <li>a <b>client</b> puts these settings into the offer it sends, and checks the server's
 *       answer against them.</li>
 * </ul>
 *
 * <p>Defaults ({@link #defaults()}): enabled, compression level 6, both windows 15 bits (32 KiB),
 * context takeover allowed in both directions, messages below 64 bytes sent uncompressed.
 *
 * <p>Resources: with context takeover, each compressing session direction keeps a zlib state of
 * roughly {@code 2^(windowBits + 2)} bytes plus hash tables for the session's lifetime; smaller windows
 * or no context takeover trade compression ratio for memory.
 *
 * <pre>{@code
 * DeflateOptions options = DeflateOptions.builder()
 *         .compressionLevel(4)
 *         .serverMaxWindowBits(12)
 *         .serverNoContextTakeover(true)
 *         .build();
 * }</pre>
 */
public final class DeflateOptions {
    /** Smallest LZ77 window RFC 7692 allows: 2^8 = 256 bytes. */
    public static final int MIN_WINDOW_BITS = 8;
    /** Largest LZ77 window RFC 7692 allows, and the default: 2^15 = 32 KiB. */
    public static final int MAX_WINDOW_BITS = 15;
    /** Default compression level, zlib's usual trade-off. */
    public static final int DEFAULT_COMPRESSION_LEVEL = 6;
    /** Default size below which messages are sent uncompressed: 64 bytes. */
    public static final int DEFAULT_MINIMUM_SIZE = 64;

    private static final DeflateOptions DEFAULTS = new Builder().build();
    private static final DeflateOptions DISABLED = new Builder().enabled(false).build();

    private final boolean enabled;
    private final int compressionLevel;
    private final int serverMaxWindowBits;
    private final int clientMaxWindowBits;
    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final int minimumSize;

    private DeflateOptions(Builder builder) {
        this.enabled = builder.enabled;
        this.compressionLevel = builder.compressionLevel;
        this.serverMaxWindowBits = builder.serverMaxWindowBits;
        this.clientMaxWindowBits = builder.clientMaxWindowBits;
        this.serverNoContextTakeover = builder.serverNoContextTakeover;
        this.clientNoContextTakeover = builder.clientNoContextTakeover;
        this.minimumSize = builder.minimumSize;
    }

    /**
     * Starts a builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the default options: enabled, level 6, 15-bit windows, context takeover, 64-byte minimum} */
    public static DeflateOptions defaults() {
        return DEFAULTS;
    }

    /** {@return options that turn permessage-deflate off: a server declines every offer, a client offers nothing} */
    public static DeflateOptions disabled() {
        return DISABLED;
    }

    /** {@return a builder starting from these options} */
    public Builder toBuilder() {
        return new Builder()
                .enabled(enabled)
                .compressionLevel(compressionLevel)
                .serverMaxWindowBits(serverMaxWindowBits)
                .clientMaxWindowBits(clientMaxWindowBits)
                .serverNoContextTakeover(serverNoContextTakeover)
                .clientNoContextTakeover(clientNoContextTakeover)
                .minimumSize(minimumSize);
    }

    /** {@return whether permessage-deflate is offered (client) or accepted (server)} */
    public boolean enabled() {
        return enabled;
    }

    /** {@return the zlib compression level used for outgoing messages, 1 (fastest) to 9 (smallest)} */
    public int compressionLevel() {
        return compressionLevel;
    }

    /** {@return the largest window, in bits, the server compresses with (see {@link Builder#serverMaxWindowBits(int)})} */
    public int serverMaxWindowBits() {
        return serverMaxWindowBits;
    }

    /** {@return the largest window, in bits, the client compresses with (see {@link Builder#clientMaxWindowBits(int)})} */
    public int clientMaxWindowBits() {
        return clientMaxWindowBits;
    }

    /** {@return whether the server resets its compressor for every message} */
    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /** {@return whether the client resets its compressor for every message} */
    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /** {@return the payload size in bytes below which an outgoing message is sent uncompressed} */
    public int minimumSize() {
        return minimumSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeflateOptions other
                && enabled == other.enabled
                && compressionLevel == other.compressionLevel
                && serverMaxWindowBits == other.serverMaxWindowBits
                && clientMaxWindowBits == other.clientMaxWindowBits
                && serverNoContextTakeover == other.serverNoContextTakeover
                && clientNoContextTakeover == other.clientNoContextTakeover
                && minimumSize == other.minimumSize;
    }

    @Override
    public int hashCode() {
        int h = Boolean.hashCode(enabled);
        h = 31 * h + compressionLevel;
        h = 31 * h + serverMaxWindowBits;
        h = 31 * h + clientMaxWindowBits;
        h = 31 * h + Boolean.hashCode(serverNoContextTakeover);
        h = 31 * h + Boolean.hashCode(clientNoContextTakeover);
        return 31 * h + minimumSize;
    }

    @Override
    public String toString() {
        if (!enabled) {
            return "DeflateOptions[disabled]";
        }
        return "DeflateOptions[compressionLevel=" + compressionLevel
                + ", serverMaxWindowBits=" + serverMaxWindowBits
                + ", clientMaxWindowBits=" + clientMaxWindowBits
                + ", serverNoContextTakeover=" + serverNoContextTakeover
                + ", clientNoContextTakeover=" + clientNoContextTakeover
                + ", minimumSize=" + minimumSize + "]";
    }

    /** Builds {@link DeflateOptions}; every setter checks its argument at once. */
    public static final class Builder {
        private boolean enabled = true;
        private int compressionLevel = DEFAULT_COMPRESSION_LEVEL;
        private int serverMaxWindowBits = MAX_WINDOW_BITS;
        private int clientMaxWindowBits = MAX_WINDOW_BITS;
        private boolean serverNoContextTakeover;
        private boolean clientNoContextTakeover;
        private int minimumSize = DEFAULT_MINIMUM_SIZE;

        private Builder() {
        }

        /**
         * Turns the extension on or off. Default on.
         *
         * @param enabled {@code false} to never negotiate permessage-deflate
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Sets the zlib compression level for outgoing messages. Default 6. Has no influence on
         * negotiation.
         *
         * @param level 1 (fastest) to 9 (best compression)
         * @return this builder
         * @throws IllegalArgumentException if the level is outside 1..9
         */
        public Builder compressionLevel(int level) {
            if (level < 1 || level > 9) {
                throw new IllegalArgumentException("compressionLevel must be between 1 and 9: " + level);
            }
            this.compressionLevel = level;
            return this;
        }

        /**
         * Limits the window of the server's compressor, as {@code server_max_window_bits}. Default 15.
         *
         * <p>Server side: the server compresses with at most this window, and with less when the client
         * asks for less; a value below 15 is stated in the response. Client side: a value below 15 is
         * offered as {@code server_max_window_bits=N}, asking the server to use at most that window, and
         * a response with a larger value fails the handshake.
         *
         * @param bits 8 to 15, the base-2 logarithm of the window size
         * @return this builder
         * @throws IllegalArgumentException if bits is outside 8..15
         */
        public Builder serverMaxWindowBits(int bits) {
            this.serverMaxWindowBits = checkWindowBits("serverMaxWindowBits", bits);
            return this;
        }

        /**
         * Limits the window of the client's compressor, as {@code client_max_window_bits}. Default 15.
         *
         * <p>Server side: when the client's offer allows it (it contains {@code client_max_window_bits}),
         * the server asks the client to use at most this window; a client that did not offer the
         * parameter cannot be limited and uses 15. Client side: the client always offers
         * {@code client_max_window_bits} so the server may limit it, with {@code =N} when this value is
         * below 15, and compresses with at most this window.
         *
         * @param bits 8 to 15, the base-2 logarithm of the window size
         * @return this builder
         * @throws IllegalArgumentException if bits is outside 8..15
         */
        public Builder clientMaxWindowBits(int bits) {
            this.clientMaxWindowBits = checkWindowBits("clientMaxWindowBits", bits);
            return this;
        }

        /**
         * Makes the server reset its compressor after every message ({@code server_no_context_takeover}).
         * Default off.
         *
         * <p>Server side: the server adds the parameter to its response (it also honours the request when
         * a client offers it). Client side: the client asks the server for it in the offer.
         *
         * @param noContextTakeover {@code true} to compress each server message independently
         * @return this builder
         */
        public Builder serverNoContextTakeover(boolean noContextTakeover) {
            this.serverNoContextTakeover = noContextTakeover;
            return this;
        }

        /**
         * Makes the client reset its compressor after every message ({@code client_no_context_takeover}).
         * Default off.
         *
         * <p>Server side: the server adds the parameter to its response, which obliges the client. Client
         * side: the client states in its offer that it will do so, and does.
         *
         * @param noContextTakeover {@code true} to compress each client message independently
         * @return this builder
         */
        public Builder clientNoContextTakeover(boolean noContextTakeover) {
            this.clientNoContextTakeover = noContextTakeover;
            return this;
        }

        /**
         * Sets the payload size below which outgoing messages are sent uncompressed (RFC 7692 lets a
         * sender choose per message). Default 64 bytes. Has no influence on negotiation.
         *
         * @param bytes zero (compress everything) or more
         * @return this builder
         * @throws IllegalArgumentException if bytes is negative
         */
        public Builder minimumSize(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("minimumSize must not be negative: " + bytes);
            }
            this.minimumSize = bytes;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public DeflateOptions build() {
            return new DeflateOptions(this);
        }

        private static int checkWindowBits(String name, int bits) {
            if (bits < MIN_WINDOW_BITS || bits > MAX_WINDOW_BITS) {
                throw new IllegalArgumentException(name + " must be between " + MIN_WINDOW_BITS + " and "
                        + MAX_WINDOW_BITS + " (a window of 2^bits bytes, RFC 7692 §7.1.2): " + bits);
            }
            return bits;
        }
    }
}
