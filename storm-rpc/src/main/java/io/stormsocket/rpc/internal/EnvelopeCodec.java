package io.stormsocket.rpc.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.stormsocket.core.ProtocolException;
import io.stormsocket.core.codec.FrameCodec;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The RPC wire format: Storm's 4-byte length-prefix framing around a compact binary envelope.
 *
 * <pre>
 * offset  size  field
 * 0       4     length    big-endian, the bytes that follow (at most maxEnvelopeBytes)
 * 4       1     version   1
 * 5       1     kind      1 message, 2 request, 3 response, 4 error, 5 cancel, 6 ping, 7 pong
 * 6       8     id        big-endian correlation id (0 for message, ping, pong)
 * 14      2     tagLength big-endian, at most 1024
 * 16      n     tag       UTF-8 type tag (error: the remote exception's type name)
 * 16+n    rest  payload   serialized body (error: UTF-8 message)
 * </pre>
 *
 * <p>Everything after the length field is self-contained, so the same envelope travels as one
 * WebSocket binary message without the length prefix (the WebSocket framing replaces it): the
 * unprefixed form of this codec, {@code RpcOptions.messageCodec()}.
 *
 * <p>A bad version, an unknown kind, a length over the limit or a truncated envelope throws
 * {@link ProtocolException}; Storm then closes the session with {@code PROTOCOL_ERROR}.
 * Stateless: one instance serves every session.
 */
public final class EnvelopeCodec implements FrameCodec<Envelope> {
    /** The envelope version this codec reads and writes. */
    public static final int VERSION = 1;
    /** The longest type tag accepted, in bytes. */
    public static final int MAX_TAG_BYTES = 1024;
    /** Bytes of version, kind, id and tag length. */
    static final int HEADER_BYTES = 1 + 1 + 8 + 2;

    private final int maxEnvelopeBytes;
    /** Whether each envelope carries its 4-byte length (TCP) or fills a whole message (WebSocket). */
    private final boolean prefixed;

    /**
     * Creates the codec.
     *
     * @param maxEnvelopeBytes the largest envelope accepted or sent, length prefix excluded
     * @param prefixed true for the length-prefixed stream form, false for one envelope per message
     */
    public EnvelopeCodec(int maxEnvelopeBytes, boolean prefixed) {
        this.maxEnvelopeBytes = maxEnvelopeBytes;
        this.prefixed = prefixed;
    }

    @Override
    public Class<Envelope> frameType() {
        return Envelope.class;
    }

    @Override
    public void decode(ByteBuf in, Consumer<? super Envelope> out) {
        if (!prefixed) {
            long length = in.readableBytes();
            checkLength(length);
            out.accept(decodeBody(in.readSlice((int) length)));
            return;
        }
        if (in.readableBytes() < 4) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        checkLength(length);
        if (in.readableBytes() < 4 + length) {
            return;
        }
        in.skipBytes(4);
        out.accept(decodeBody(in.readSlice((int) length)));
    }

    private void checkLength(long length) {
        if (length > maxEnvelopeBytes) {
            throw new ProtocolException("RPC envelope of " + length + " bytes exceeds the limit of " + maxEnvelopeBytes);
        }
        if (length < HEADER_BYTES) {
            throw new ProtocolException("truncated RPC envelope: " + length + " bytes, the header alone takes "
                    + HEADER_BYTES);
        }
    }

    private static Envelope decodeBody(ByteBuf body) {
        int version = body.readUnsignedByte();
        if (version != VERSION) {
            throw new ProtocolException("unsupported RPC envelope version " + version + " (this side speaks " + VERSION + ")");
        }
        int code = body.readUnsignedByte();
        Envelope.Kind kind = Envelope.Kind.of(code);
        if (kind == null) {
            throw new ProtocolException("unknown RPC envelope kind " + code);
        }
        long id = body.readLong();
        int tagLength = body.readUnsignedShort();
        if (tagLength > MAX_TAG_BYTES || tagLength > body.readableBytes()) {
            throw new ProtocolException("bad RPC type tag length " + tagLength);
        }
        String tag = body.readCharSequence(tagLength, StandardCharsets.UTF_8).toString();
        byte[] payload = new byte[body.readableBytes()];
        body.readBytes(payload);
        return new Envelope(kind, id, tag, payload);
    }

    @Override
    public ByteBuf encode(Envelope frame, ByteBufAllocator alloc) {
        byte[] tag = frame.tag().getBytes(StandardCharsets.UTF_8);
        if (tag.length > MAX_TAG_BYTES) {
            throw new IllegalArgumentException("type tag longer than " + MAX_TAG_BYTES + " bytes: " + frame.tag());
        }
        int length = HEADER_BYTES + tag.length + frame.payload().length;
        if (length > maxEnvelopeBytes) {
            throw new IllegalArgumentException("RPC envelope of " + length + " bytes exceeds the limit of "
                    + maxEnvelopeBytes);
        }
        ByteBuf out = alloc.buffer((prefixed ? 4 : 0) + length);
        if (prefixed) {
            out.writeInt(length);
        }
        return out.writeByte(VERSION).writeByte(frame.kind().code())
                .writeLong(frame.id()).writeShort(tag.length).writeBytes(tag).writeBytes(frame.payload());
    }

    @Override
    public String toString() {
        return "EnvelopeCodec[v" + VERSION + ", maxEnvelopeBytes=" + maxEnvelopeBytes + (prefixed ? "" : ", one per message") + "]";
    }
}
