package io.stormsocket.core.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import java.nio.ByteBuffer;

/**
 * Base of the codecs whose frames are plain bytes: each frame is an optional fixed-size header, the
 * payload, and an optional trailer. Sends of {@code byte[]}, {@code String}, {@code ByteBuffer} and
 * {@code ByteBuf} are framed by it; small frames are written as one pooled buffer, large
 * {@code ByteBuf} payloads are wrapped without copying.
 *
 * <p>Subclasses define the header and trailer and implement {@link #decode}.
 */
public abstract class ByteFrameCodec implements FrameCodec<ByteBuf> {
    /** Payloads up to this size are copied next to their header; larger ones are wrapped. */
    private static final int COPY_THRESHOLD = 2048;

    /** Creates the codec. */
    protected ByteFrameCodec() {
    }

    @Override
    public final Class<ByteBuf> frameType() {
        return ByteBuf.class;
    }

    /**
     * Returns how many bytes precede every payload.
     *
     * @return the header length, 0 for none
     */
    protected abstract int headerLength();

    /**
     * Writes the header for a payload of the given length at {@code index} of {@code out}, without
     * moving its indices.
     *
     * @param out the frame buffer
     * @param index where the header starts
     * @param payloadLength the payload's length in bytes
     */
    protected abstract void setHeader(ByteBuf out, int index, int payloadLength);

    /**
     * Returns the bytes that follow every payload.
     *
     * @return the trailer, empty for none; never modified by the caller
     */
    protected abstract byte[] trailer();

    /**
     * Checks that a payload of this length can be framed; the default accepts any length.
     *
     * @param payloadLength the payload length in bytes
     * @throws IllegalArgumentException when the header cannot represent it
     */
    protected void checkEncodable(long payloadLength) {
    }

    /**
     * Tells whether {@link #encode(ByteBuf, ByteBufAllocator)} copies a payload of this length
     * into a new buffer (rather than writing or wrapping the payload itself), so that the caller's
     * buffer is free again as soon as {@code encode} returns.
     *
     * @param payloadLength the payload's length in bytes
     * @return {@code true} when the payload is copied
     */
    public final boolean framesByCopy(int payloadLength) {
        return (headerLength() > 0 || trailer().length > 0) && payloadLength <= COPY_THRESHOLD;
    }

    /**
     * Frames a buffer payload. A payload without framing bytes is returned as is; a small one is
     * copied next to its header into one pooled buffer; a large one is wrapped with its header in a
     * composite buffer without copying.
     */
    @Override
    public final ByteBuf encode(ByteBuf payload, ByteBufAllocator alloc) {
        int length = payload.readableBytes();
        checkEncodable(length);
        int header = headerLength();
        byte[] trailer = trailer();
        if (header == 0 && trailer.length == 0) {
            return payload;
        }
        if (length <= COPY_THRESHOLD) {
            ByteBuf out = alloc.buffer(header + length + trailer.length);
            setHeader(out, out.writerIndex(), length);
            out.writerIndex(out.writerIndex() + header);
            out.writeBytes(payload, payload.readerIndex(), length);
            return out.writeBytes(trailer);
        }
        CompositeByteBuf out = alloc.compositeBuffer(3);
        if (header > 0) {
            ByteBuf head = alloc.buffer(header);
            setHeader(head, 0, length);
            out.addComponent(true, head.writerIndex(header));
        }
        out.addComponent(true, payload.retain());
        if (trailer.length > 0) {
            out.addComponent(true, alloc.buffer(trailer.length).writeBytes(trailer));
        }
        return out;
    }

    /**
     * Frames a byte array into one new pooled buffer; the array may be reused as soon as this
     * returns.
     *
     * @param payload the bytes
     * @param alloc the allocator
     * @return the framed bytes
     */
    public final ByteBuf encode(byte[] payload, ByteBufAllocator alloc) {
        checkEncodable(payload.length);
        ByteBuf out = allocateFrame(alloc, payload.length);
        out.writeBytes(payload);
        return finishFrame(out, payload.length);
    }

    /**
     * Frames the remaining bytes of a {@link ByteBuffer} into one new pooled buffer, without
     * changing the buffer's position.
     *
     * @param payload the bytes
     * @param alloc the allocator
     * @return the framed bytes
     */
    public final ByteBuf encode(ByteBuffer payload, ByteBufAllocator alloc) {
        int length = payload.remaining();
        checkEncodable(length);
        ByteBuf out = allocateFrame(alloc, length);
        out.writeBytes(payload.duplicate());
        return finishFrame(out, length);
    }

    /**
     * Frames text encoded as UTF-8 into one new pooled buffer, without an intermediate array.
     *
     * @param text the text
     * @param alloc the allocator
     * @return the framed bytes
     */
    public final ByteBuf encode(CharSequence text, ByteBufAllocator alloc) {
        int maxBytes = ByteBufUtil.utf8MaxBytes(text);
        ByteBuf out = allocateFrame(alloc, maxBytes);
        int length;
        try {
            length = ByteBufUtil.reserveAndWriteUtf8(out, text, maxBytes);
            checkEncodable(length);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        return finishFrame(out, length);
    }

    private ByteBuf allocateFrame(ByteBufAllocator alloc, int payloadCapacity) {
        int header = headerLength();
        ByteBuf out = alloc.buffer(header + payloadCapacity + trailer().length);
        return out.writerIndex(header);
    }

    private ByteBuf finishFrame(ByteBuf out, int payloadLength) {
        setHeader(out, 0, payloadLength);
        return out.writeBytes(trailer());
    }
}
