package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * Writes frames (<a href="https://www.rfc-editor.org/rfc/rfc6455#section-5.2">RFC 6455 section 5.2</a>):
 * header, optional masking key and payload. Small payloads and every masked payload are copied
 * next to the header into one pooled buffer; large unmasked payloads are wrapped without copying.
 *
 * <p>Threading: stateless; masking keys come from the caller.
 */
final class FrameEncoder {
    /** Unmasked payloads up to this size are copied next to their header; larger ones are wrapped. */
    private static final int COPY_THRESHOLD = 4096;

    private FrameEncoder() {
    }

    /**
     * Encodes one final frame. Does not release or move {@code payload}.
     *
     * @param alloc the allocator
     * @param opcode the opcode
     * @param rsv1 whether to set RSV1 (a compressed message's first frame)
     * @param payload the payload
     * @param masks the masking key source for a client, or {@code null} for an unmasked server frame
     * @return the frame
     */
    static ByteBuf encode(ByteBufAllocator alloc, int opcode, boolean rsv1, ByteBuf payload, MaskKeys masks) {
        int length = payload.readableBytes();
        int headerLength = 2 + (length < 126 ? 0 : length <= 0xFFFF ? 2 : 8) + (masks != null ? 4 : 0);
        if (masks == null && length > COPY_THRESHOLD) {
            ByteBuf header = alloc.buffer(headerLength);
            writeHeader(header, opcode, rsv1, length, false);
            CompositeByteBuf frame = alloc.compositeBuffer(2);
            frame.addComponent(true, header);
            frame.addComponent(true, payload.retainedSlice());
            return frame;
        }
        ByteBuf frame = alloc.buffer(headerLength + length);
        try {
            writeHeader(frame, opcode, rsv1, length, masks != null);
            if (masks != null) {
                int key = masks.next();
                frame.writeInt(key);
                Masking.copyMasked(payload, payload.readerIndex(), length, frame, key);
            } else {
                frame.writeBytes(payload, payload.readerIndex(), length);
            }
            return frame;
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    private static void writeHeader(ByteBuf out, int opcode, boolean rsv1, int length, boolean masked) {
        out.writeByte(0x80 | (rsv1 ? 0x40 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            out.writeByte(maskBit | length);
        } else if (length <= 0xFFFF) {
            out.writeByte(maskBit | 126);
            out.writeShort(length);
        } else {
            out.writeByte(maskBit | 127);
            out.writeLong(length);
        }
    }
}
