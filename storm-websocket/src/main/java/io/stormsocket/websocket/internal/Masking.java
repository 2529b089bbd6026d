package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;

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
        int rotated = Integer.rotateLeft(key, (int) (offset & 3) * 8);
        long wide = (rotated & 0xFFFFFFFFL) << 32 | (rotated & 0xFFFFFFFFL);
        int i = index;
        int end = index + length;
        for (; i + 8 <= end; i += 8) {
            buf.setLong(i, buf.getLong(i) ^ wide);
        }
        for (int k = 0; i < end; i++, k++) {
            buf.setByte(i, buf.getByte(i) ^ (rotated >>> (24 - 8 * (k & 3))));
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
