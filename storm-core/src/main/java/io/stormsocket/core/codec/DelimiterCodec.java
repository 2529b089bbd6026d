package io.stormsocket.core.codec;

import io.netty.buffer.ByteBuf;
import io.stormsocket.core.FrameTooLongException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Frames ended by delimiter bytes (default {@code "\n"}). Sends append the delimiter; the payload
 * must not contain it. Received frames exclude the delimiter unless {@code stripDelimiter(false)}.
 *
 * <p>Limits: when {@link #maxFrameLength()} bytes (default 1 MiB, delimiter excluded) have arrived
 * without a delimiter, decoding fails with {@link FrameTooLongException} at once, without waiting
 * for more. Each session remembers how far it has searched, so a frame trickling in byte by byte
 * costs linear time.
 *
 * <pre>{@code
 * FrameCodec<ByteBuf> crlf = DelimiterCodec.builder()
 *         .delimiter("\r\n")
 *         .maxFrameLength(8 * 1024)
 *         .build();
 * }</pre>
 */
public final class DelimiterCodec extends ByteFrameCodec {
    /** Default maximum frame length, delimiter excluded: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1024 * 1024;

    private final byte[] delimiter;
    private final int maxFrameLength;
    private final boolean stripDelimiter;
    /** Decode state: offset from the reader index up to which no delimiter starts. Event loop only. */
    private int searchedUpTo;

    private DelimiterCodec(byte[] delimiter, int maxFrameLength, boolean stripDelimiter) {
        this.delimiter = delimiter;
        this.maxFrameLength = maxFrameLength;
        this.stripDelimiter = stripDelimiter;
    }

    /**
     * Starts a builder with the defaults: {@code "\n"}, 1 MiB, delimiter stripped.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the largest frame accepted from a peer, delimiter excluded.
     *
     * @return the maximum frame length in bytes
     */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * Tells whether received frames exclude the delimiter.
     *
     * @return {@code true} when the delimiter is stripped
     */
    public boolean stripDelimiter() {
        return stripDelimiter;
    }

    /**
     * Returns a copy of the delimiter bytes.
     *
     * @return the delimiter
     */
    public byte[] delimiter() {
        return delimiter.clone();
    }

    @Override
    public FrameCodec<ByteBuf> newSessionCodec() {
        return new DelimiterCodec(delimiter, maxFrameLength, stripDelimiter);
    }

    @Override
    public void decode(ByteBuf in, Consumer<? super ByteBuf> out) {
        if (!in.isReadable()) {
            return;
        }
        int frameLength = indexOfDelimiter(in);
        if (frameLength < 0) {
            if (in.readableBytes() > (long) maxFrameLength + delimiter.length - 1) {
                throw new FrameTooLongException(in.readableBytes(), maxFrameLength);
            }
            return;
        }
        searchedUpTo = 0;
        if (frameLength > maxFrameLength) {
            throw new FrameTooLongException(frameLength, maxFrameLength);
        }
        if (stripDelimiter) {
            out.accept(in.readRetainedSlice(frameLength));
            in.skipBytes(delimiter.length);
        } else {
            out.accept(in.readRetainedSlice(frameLength + delimiter.length));
        }
    }

    /** Returns the payload length before the first delimiter, or -1, remembering where it searched. */
    private int indexOfDelimiter(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        byte first = delimiter[0];
        int from = start + searchedUpTo;
        while (true) {
            int candidate = in.indexOf(from, end, first);
            if (candidate < 0 || candidate + delimiter.length > end) {
                int resumeAt = candidate < 0 ? end : candidate;
                searchedUpTo = resumeAt - start;
                return -1;
            }
            if (matchesAt(in, candidate)) {
                return candidate - start;
            }
            from = candidate + 1;
        }
    }

    private boolean matchesAt(ByteBuf in, int index) {
        for (int i = 1; i < delimiter.length; i++) {
            if (in.getByte(index + i) != delimiter[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected int headerLength() {
        return 0;
    }

    @Override
    protected void setHeader(ByteBuf out, int index, int payloadLength) {
        // no header: the delimiter trails the payload
    }

    @Override
    protected byte[] trailer() {
        return delimiter;
    }

    @Override
    public String toString() {
        return "DelimiterCodec[delimiter=" + Arrays.toString(delimiter) + ", maxFrameLength=" + maxFrameLength
                + ", stripDelimiter=" + stripDelimiter + "]";
    }

    /** Builds a {@link DelimiterCodec}. */
    public static final class Builder {
        private byte[] delimiter = {'\n'};
        private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
        private boolean stripDelimiter = true;

        private Builder() {
        }

        /**
         * Sets the delimiter bytes. Default {@code "\n"}.
         *
         * @param delimiter one or more bytes
         * @return this builder
         */
        public Builder delimiter(byte[] delimiter) {
            if (delimiter.length == 0) {
                throw new IllegalArgumentException("delimiter must not be empty");
            }
            this.delimiter = delimiter.clone();
            return this;
        }

        /**
         * Sets the delimiter as UTF-8 text, for example {@code "\r\n"}.
         *
         * @param delimiter non-empty text
         * @return this builder
         */
        public Builder delimiter(String delimiter) {
            return delimiter(delimiter.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Sets the largest frame accepted from a peer, delimiter excluded. Default 1 MiB.
         *
         * @param bytes a positive length
         * @return this builder
         */
        public Builder maxFrameLength(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxFrameLength must be positive: " + bytes);
            }
            this.maxFrameLength = bytes;
            return this;
        }

        /**
         * Sets whether received frames exclude the delimiter. Default {@code true}.
         *
         * @param strip {@code false} to keep the delimiter at the end of each frame
         * @return this builder
         */
        public Builder stripDelimiter(boolean strip) {
            this.stripDelimiter = strip;
            return this;
        }

        /**
         * Builds the codec.
         *
         * @return the codec
         */
        public DelimiterCodec build() {
            return new DelimiterCodec(delimiter, maxFrameLength, stripDelimiter);
        }
    }
}
