package io.stormsocket.core;

import java.util.OptionalInt;

/**
 * Per-connection socket options, shared by servers (for accepted connections) and clients.
 *
 * <table>
 * <caption>Options and defaults</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code tcpNoDelay}</td><td>{@code true}</td><td>TCP_NODELAY: send small writes at once (no Nagle delay)</td></tr>
 * <tr><td>{@code keepAlive}</td><td>{@code true}</td><td>SO_KEEPALIVE: the OS probes idle connections</td></tr>
 * <tr><td>{@code receiveBufferSize}</td><td>OS default</td><td>SO_RCVBUF in bytes</td></tr>
 * <tr><td>{@code sendBufferSize}</td><td>OS default</td><td>SO_SNDBUF in bytes</td></tr>
 * </table>
 *
 * <p>TCP-only options are ignored for Unix domain sockets.
 */
public final class SocketOptions {
    private static final SocketOptions DEFAULTS = builder().build();

    private final boolean tcpNoDelay;
    private final boolean keepAlive;
    private final int receiveBufferSize;
    private final int sendBufferSize;

    private SocketOptions(Builder b) {
        this.tcpNoDelay = b.tcpNoDelay;
        this.keepAlive = b.keepAlive;
        this.receiveBufferSize = b.receiveBufferSize;
        this.sendBufferSize = b.sendBufferSize;
    }

    /**
     * Returns the defaults.
     *
     * @return options with every default
     */
    public static SocketOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised from these options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tcpNoDelay = tcpNoDelay;
        b.keepAlive = keepAlive;
        b.receiveBufferSize = receiveBufferSize;
        b.sendBufferSize = sendBufferSize;
        return b;
    }

    /**
     * TCP_NODELAY.
     *
     * @return whether Nagle's algorithm is off
     */
    public boolean tcpNoDelay() {
        return tcpNoDelay;
    }

    /**
     * SO_KEEPALIVE.
     *
     * @return whether OS keep-alive probes are on
     */
    public boolean keepAlive() {
        return keepAlive;
    }

    /**
     * SO_RCVBUF.
     *
     * @return the size in bytes, absent for the OS default
     */
    public OptionalInt receiveBufferSize() {
        return receiveBufferSize > 0 ? OptionalInt.of(receiveBufferSize) : OptionalInt.empty();
    }

    /**
     * SO_SNDBUF.
     *
     * @return the size in bytes, absent for the OS default
     */
    public OptionalInt sendBufferSize() {
        return sendBufferSize > 0 ? OptionalInt.of(sendBufferSize) : OptionalInt.empty();
    }

    @Override
    public String toString() {
        return "SocketOptions[tcpNoDelay=" + tcpNoDelay + ", keepAlive=" + keepAlive
                + ", receiveBufferSize=" + (receiveBufferSize > 0 ? receiveBufferSize : "os")
                + ", sendBufferSize=" + (sendBufferSize > 0 ? sendBufferSize : "os") + "]";
    }

    /** Builds {@link SocketOptions}. */
    public static final class Builder {
        private boolean tcpNoDelay = true;
        private boolean keepAlive = true;
        private int receiveBufferSize;
        private int sendBufferSize;

        private Builder() {
        }

        /**
         * Sets TCP_NODELAY. Default {@code true}.
         *
         * @param on whether to disable Nagle's algorithm
         * @return this builder
         */
        public Builder tcpNoDelay(boolean on) {
            this.tcpNoDelay = on;
            return this;
        }

        /**
         * Sets SO_KEEPALIVE. Default {@code true}.
         *
         * @param on whether the OS probes idle connections
         * @return this builder
         */
        public Builder keepAlive(boolean on) {
            this.keepAlive = on;
            return this;
        }

        /**
         * Sets SO_RCVBUF. Default: the OS's (auto-tuned on Linux).
         *
         * @param bytes a positive size
         * @return this builder
         */
        public Builder receiveBufferSize(int bytes) {
            this.receiveBufferSize = positive(bytes, "receiveBufferSize");
            return this;
        }

        /**
         * Sets SO_SNDBUF. Default: the OS's (auto-tuned on Linux).
         *
         * @param bytes a positive size
         * @return this builder
         */
        public Builder sendBufferSize(int bytes) {
            this.sendBufferSize = positive(bytes, "sendBufferSize");
            return this;
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        /**
         * Builds the options.
         *
         * @return immutable options
         */
        public SocketOptions build() {
            return new SocketOptions(this);
        }
    }
}
