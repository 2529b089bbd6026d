package io.stormsocket.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.codec.ByteFrameCodec;
import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.core.spi.SessionProtocol;
import java.nio.ByteBuffer;

/**
 * Turns what a user sends into the bytes to write, on the sending thread: byte codecs frame each
 * send into one pooled buffer; with a typed codec, byte sends are written unframed and typed frames
 * go through the codec. Doing this at send time (not in the pipeline) spreads encoding across the
 * sending threads and copies a caller's array before {@code send} returns.
 *
 * <p>Threading: stateless apart from the codec, whose {@code encode} must be thread-safe.
 */
final class OutboundEncoder {
    private final FrameCodec<?> codec;
    private final ByteFrameCodec bytes;
    /** A wire protocol that encodes instead of the codec (broadcasts of a protocol server), or null. */
    private final SessionProtocol protocol;

    OutboundEncoder(FrameCodec<?> codec) {
        this(codec, null);
    }

    OutboundEncoder(FrameCodec<?> codec, SessionProtocol protocol) {
        this.codec = codec;
        this.bytes = codec instanceof ByteFrameCodec b ? b : null;
        this.protocol = protocol;
    }

    ByteBuf encode(byte[] data, ByteBufAllocator alloc) {
        return bytes != null ? bytes.encode(data, alloc) : alloc.buffer(data.length).writeBytes(data);
    }

    ByteBuf encode(String text, ByteBufAllocator alloc) {
        return bytes != null ? bytes.encode(text, alloc) : ByteBufUtil.writeUtf8(alloc, text);
    }

    ByteBuf encode(ByteBuffer data, ByteBufAllocator alloc) {
        return bytes != null ? bytes.encode(data, alloc) : alloc.buffer(data.remaining()).writeBytes(data.duplicate());
    }

    /**
     * Encodes a broadcast once for every recipient: with a wire protocol, its broadcast encoding (a
     * buffer, or a holder the protocol finishes per recipient); otherwise the codec's framing.
     * Takes ownership of a reference-counted message.
     */
    Object encodeBroadcast(Object message, ByteBufAllocator alloc) {
        if (protocol != null) {
            return protocol.encodeBroadcast(message, alloc);
        }
        if (message instanceof String text) {
            return encode(text, alloc);
        }
        if (message instanceof byte[] bytes) {
            return encode(bytes, alloc);
        }
        if (message instanceof ByteBuf buf) {
            return encode(buf, alloc);
        }
        return encodeFrame(message, alloc);
    }

    /** {@return whether a buffer of this length is copied when framed, leaving the buffer's indices alone} */
    boolean framesByCopy(int length) {
        return bytes != null && bytes.framesByCopy(length);
    }

    /** Frames a buffer; takes ownership of it whatever happens. */
    ByteBuf encode(ByteBuf data, ByteBufAllocator alloc) {
        if (bytes == null) {
            return data;
        }
        return encodeOwned(bytes, data, alloc);
    }

    /** Encodes a typed frame; takes ownership of it whatever happens. */
    ByteBuf encodeFrame(Object frame, ByteBufAllocator alloc) {
        if (frame instanceof ByteBuf buf) {
            return encode(buf, alloc);
        }
        if (!codec.frameType().isInstance(frame)) {
            ReferenceCountUtil.release(frame);
            throw new IllegalArgumentException("codec " + codec + " encodes " + codec.frameType().getName()
                    + ", not " + frame.getClass().getName());
        }
        return encodeOwned(codec, frame, alloc);
    }

    @SuppressWarnings("unchecked")
    private static <F> ByteBuf encodeOwned(FrameCodec<F> codec, Object frame, ByteBufAllocator alloc) {
        ByteBuf out = null;
        try {
            out = codec.encode((F) frame, alloc);
            return out;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new io.stormsocket.core.StormException("codec " + codec + " failed to encode " + frame.getClass().getName(), e);
        } finally {
            if (out != frame) {
                ReferenceCountUtil.release(frame);
            }
        }
    }
}
