package io.stormsocket.core;

/**
 * Whether a {@link StormClient} holds sends while a connection is on its way, and how many.
 *
 * <table>
 * <caption>Options and defaults</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code enabled}</td><td>{@code true} from {@link #builder()}; {@code false} for
 *     {@link #disabled()}, the {@link ClientConfig} default</td><td>hold sends at all</td></tr>
 * <tr><td>{@code maxMessages}</td><td>1024</td><td>sends held at most</td></tr>
 * <tr><td>{@code maxBytes}</td><td>1 MiB</td><td>payload bytes held at most</td></tr>
 * </table>
 *
 * <pre>{@code
 * ClientConfig config = ClientConfig.builder()
 *         .reconnect(ReconnectPolicy.builder().build())
 *         .offlineBuffer(OfflineBuffer.builder().maxMessages(10_000).maxBytes(8 << 20).build())
 *         .build();
 * }</pre>
 *
 * <p>When sends are held: while the client is {@link ClientState#CONNECTING} or
 * {@link ClientState#RECONNECTING}, that is while a connection is on its way. While it is
 * {@link ClientState#DISCONNECTED} or {@link ClientState#CLOSED} nothing would ever deliver
 * them, so sends fail at once with {@link SessionClosedException}, as they do without a buffer.
 *
 * <p>Delivery: when a session opens, the held sends are written to it in the order they were made,
 * before {@code onConnected} handlers run and before any send made after the session opened, even
 * one made while the buffer is still being written out. Each held send's future completes when its
 * data is written.
 *
 * <p>Failure: a send that would take the buffer past either limit fails at once with
 * {@link OfflineBufferFullException} (sends already held stay held). Held sends fail with
 * {@link SessionClosedException} when the client gives up reconnecting, when the first connect
 * fails without retry, or when the user calls {@link StormClient#disconnect()} or
 * {@link StormClient#close()}. Held sends that were already handed to a session which then
 * closes fail like any send on a closed session. Every failure releases the buffer the send held.
 *
 * <p>Size: {@code maxBytes} counts the payload as handed to {@code send}: UTF-8 bytes of a
 * {@code String}, the length of a {@code byte[]} (which is copied when held, so the caller may reuse
 * the array), the readable bytes of a {@code ByteBuf}. A typed frame given to
 * {@link StormClient#sendFrame(Object)} that is not a {@code ByteBuf} is encoded only on delivery,
 * so it counts toward {@code maxMessages} alone.
 */
public final class OfflineBuffer {
    /** Default number of sends held at most: 1024. */
    public static final int DEFAULT_MAX_MESSAGES = 1024;
    /** Default number of payload bytes held at most: 1 MiB. */
    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

    private static final OfflineBuffer DISABLED = builder().enabled(false).build();

    private final boolean enabled;
    private final int maxMessages;
    private final long maxBytes;

    private OfflineBuffer(Builder b) {
        this.enabled = b.enabled;
        this.maxMessages = b.maxMessages;
        this.maxBytes = b.maxBytes;
    }

    /**
     * Returns the setting that holds nothing: sends while not connected fail at once. The default
     * of {@link ClientConfig}.
     *
     * @return the disabled buffer
     */
    public static OfflineBuffer disabled() {
        return DISABLED;
    }

    /**
     * Starts a builder for an enabled buffer with the default limits.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised from this setting.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        b.maxMessages = maxMessages;
        b.maxBytes = maxBytes;
        return b;
    }

    /** {@return whether sends are held while a connection is on its way} */
    public boolean enabled() {
        return enabled;
    }

    /** {@return the number of sends held at most} */
    public int maxMessages() {
        return maxMessages;
    }

    /** {@return the number of payload bytes held at most} */
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public String toString() {
        return enabled ? "OfflineBuffer[maxMessages=" + maxMessages + ", maxBytes=" + maxBytes + "]"
                : "OfflineBuffer[disabled]";
    }

    /** Builds an {@link OfflineBuffer}; every setter documents its default. */
    public static final class Builder {
        private boolean enabled = true;
        private int maxMessages = DEFAULT_MAX_MESSAGES;
        private long maxBytes = DEFAULT_MAX_BYTES;

        private Builder() {
        }

        /**
         * Turns the buffer on or off. Default {@code true} for a buffer built here.
         *
         * @param enabled whether to hold sends
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Sets how many sends are held at most. Default 1024.
         *
         * @param messages a positive count
         * @return this builder
         */
        public Builder maxMessages(int messages) {
            if (messages <= 0) {
                throw new IllegalArgumentException("maxMessages must be positive: " + messages);
            }
            this.maxMessages = messages;
            return this;
        }

        /**
         * Sets how many payload bytes are held at most. Default 1 MiB.
         *
         * @param bytes a positive count
         * @return this builder
         */
        public Builder maxBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxBytes must be positive: " + bytes);
            }
            this.maxBytes = bytes;
            return this;
        }

        /**
         * Builds the setting.
         *
         * @return the immutable setting
         */
        public OfflineBuffer build() {
            return new OfflineBuffer(this);
        }
    }
}
