package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * XOR masking (<a href="https://www.rfc-editor.org/rfc/rfc6455#section-5.3">RFC 6455 section 5.3</a>),
 * eight bytes at a time.
 */
final class Masking {
    private Masking() {
    }

    /**
     * Masks or unmasks bytes in place.
     *
     * @param buf the buffer
     * @param index the first byte
     * @param length how many bytes
     * @param key the 32-bit masking key, big-endian as on the wire
     * @param offset the position of {@code index} within the frame's payload (which key byte applies)
     */
    static void maskInPlace(ByteBuf buf, int index, int length, int key, long offset) {
        if (length == 0) {
            return;
        }
        // Work on the NIO views: one bounds check per view, not per eight bytes (which also keeps a
        // leak-aware buffer from recording a trace for every access under PARANOID detection).
        long position = offset;
        for (ByteBuffer part : buf.nioBuffers(index, length)) {
            maskInPlace(part, key, position);
            position += part.remaining();
        }
    }

    private static void maskInPlace(ByteBuffer part, int key, long offset) {
        int rotated = Integer.rotateLeft(key, (int) (offset & 3) * 8);
        long wide = (rotated & 0xFFFFFFFFL) << 32 | (rotated & 0xFFFFFFFFL);
        ByteBuffer view = part.order(ByteOrder.BIG_ENDIAN);
        int i = view.position();
        int end = view.limit();
        for (; i + 8 <= end; i += 8) {
            view.putLong(i, view.getLong(i) ^ wide);
        }
        for (int k = 0; i < end; i++, k++) {
            view.put(i, (byte) (view.get(i) ^ (rotated >>> (24 - 8 * (k & 3)))));
        }
    }

    /**
     * Copies bytes from {@code src} to the end of {@code dst}, masking them.
     *
     * @param src the source (indices untouched)
     * @param srcIndex the first byte
     * @param length how many bytes
     * @param dst the destination, with room for {@code length} bytes
     * @param key the masking key
     */
    static void copyMasked(ByteBuf src, int srcIndex, int length, ByteBuf dst, int key) {
        if (dst.nioBufferCount() == 1) {
            // Copy, then mask the copy in place through its NIO view (see maskInPlace).
            int at = dst.writerIndex();
            dst.writeBytes(src, srcIndex, length);
            maskInPlace(dst, at, length, key, 0);
            return;
        }
        long wide = (key & 0xFFFFFFFFL) << 32 | (key & 0xFFFFFFFFL);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            dst.writeLong(src.getLong(srcIndex + i) ^ wide);
        }
        for (; i < length; i++) {
            dst.writeByte(src.getByte(srcIndex + i) ^ (key >>> (24 - 8 * (i & 3))));
        }
    }
}
