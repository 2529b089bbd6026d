package io.stormsocket.core.codec;

import io.netty.buffer.ByteBuf;
import io.stormsocket.core.FrameTooLongException;
import java.util.function.Consumer;

/**
 * Frames preceded by their payload length as a big-endian unsigned integer of 1, 2, 4 or 8 bytes
 * (default 4). The length counts the payload only, not the length field. A 4- or 8-byte length
 * with the top bit set is treated as negative and rejected.
 *
 * <p>Limits: a length above {@link #maxFrameLength()} (default 1 MiB) is rejected with
 * {@link FrameTooLongException} as soon as the length field has arrived, before anything of that
 * size is allocated or awaited.
 *
 * <pre>{@code
 * FrameCodec<ByteBuf> codec = LengthPrefixCodec.builder()
 *         .lengthFieldBytes(2)
 *         .maxFrameLength(16 * 1024)
 *         .build();
 * }</pre>
 */
public final class LengthPrefixCodec extends ByteFrameCodec {
    /** Default maximum payload length: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1024 * 1024;
    private static final byte[] NO_TRAILER = new byte[0];

    private final int lengthFieldBytes;
    private final int maxFrameLength;

    private LengthPrefixCodec(Builder builder) {
        this.lengthFieldBytes = builder.lengthFieldBytes;
        this.maxFrameLength = builder.maxFrameLength;
    }

    /**
     * Starts a builder with the defaults: 4-byte length, 1 MiB maximum.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the width of the length field in bytes.
     *
     * @return 1, 2, 4 or 8
     */
    public int lengthFieldBytes() {
        return lengthFieldBytes;
    }

    /**
     * Returns the largest payload accepted from a peer.
     *
     * @return the maximum frame length in bytes
     */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    @Override
    public void decode(ByteBuf in, Consumer<? super ByteBuf> out) {
        if (in.readableBytes() < lengthFieldBytes) {
            return;
        }
        long length = readLength(in, in.readerIndex());
        if (length < 0 || length > maxFrameLength) {
            throw new FrameTooLongException(length, maxFrameLength);
        }
        if (in.readableBytes() - lengthFieldBytes < length) {
            return;
        }
        in.skipBytes(lengthFieldBytes);
        out.accept(in.readRetainedSlice((int) length));
    }

    private long readLength(ByteBuf in, int index) {
        return switch (lengthFieldBytes) {
            case 1 -> in.getUnsignedByte(index);
            case 2 -> in.getUnsignedShort(index);
            case 4 -> in.getInt(index);
            default -> in.getLong(index);
        };
    }

    @Override
    protected int headerLength() {
        return lengthFieldBytes;
    }

    @Override
    protected void setHeader(ByteBuf out, int index, int payloadLength) {
        switch (lengthFieldBytes) {
            case 1 -> out.setByte(index, payloadLength);
            case 2 -> out.setShort(index, payloadLength);
            case 4 -> out.setInt(index, payloadLength);
            default -> out.setLong(index, payloadLength);
        }
    }

    @Override
    protected void checkEncodable(long payloadLength) {
        long fieldMax = switch (lengthFieldBytes) {
            case 1 -> 0xFF;
            case 2 -> 0xFFFF;
            default -> Integer.MAX_VALUE;
        };
        if (payloadLength > fieldMax) {
            throw new IllegalArgumentException("payload of " + payloadLength + " bytes does not fit a "
                    + lengthFieldBytes + "-byte length field (max " + fieldMax + ")");
        }
    }

    @Override
    protected byte[] trailer() {
        return NO_TRAILER;
    }

    @Override
    public String toString() {
        return "LengthPrefixCodec[lengthFieldBytes=" + lengthFieldBytes + ", maxFrameLength=" + maxFrameLength + "]";
    }

    /** Builds a {@link LengthPrefixCodec}. */
    public static final class Builder {
        private int lengthFieldBytes = 4;
        private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;

        private Builder() {
        }

        /**
         * Sets the width of the length field. Default 4.
         *
         * @param bytes 1, 2, 4 or 8
         * @return this builder
         */
        public Builder lengthFieldBytes(int bytes) {
            if (bytes != 1 && bytes != 2 && bytes != 4 && bytes != 8) {
                throw new IllegalArgumentException("lengthFieldBytes must be 1, 2, 4 or 8: " + bytes);
            }
            this.lengthFieldBytes = bytes;
            return this;
        }

        /**
         * Sets the largest payload accepted from a peer. Default 1 MiB.
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
         * Builds the codec.
         *
         * @return the immutable codec
         */
        public LengthPrefixCodec build() {
            return new LengthPrefixCodec(this);
        }
    }
}
