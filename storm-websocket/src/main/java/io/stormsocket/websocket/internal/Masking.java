package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * XOR masking (<a href="https://www.rfc-editor.org/rfc/rfc6455#section-5.3">RFC 6455 section 5.3</a>),
 * eight bytes at a time, on one {@link ByteBuffer} view of the memory where the buffer has a
 * single one (every pooled buffer): no per-access bounds and reference checks.
 *
 * <p>Public only so the benchmarks module can measure it; like everything in this package it is
 * machinery, not API.
 */
public final class Masking {
    /** Below this many bytes, making two NIO views costs more than the accessors' checks save. */
    private static final int VIEW_THRESHOLD = 128;
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
    public static void maskInPlace(ByteBuf buf, int index, int length, int key, long offset) {
        int rotated = Integer.rotateLeft(key, (int) (offset & 3) * 8);
        if (buf.nioBufferCount() == 1 && !buf.isReadOnly()) {
            ByteBuffer view = buf.nioBuffer(index, length);
            xor(view, view, rotated);
            return;
        }
        long wide = widen(rotated);
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
    public static void copyMasked(ByteBuf src, int srcIndex, int length, ByteBuf dst, int key) {
        if (length >= VIEW_THRESHOLD && src.nioBufferCount() == 1 && dst.nioBufferCount() == 1) {
            int at = dst.writerIndex();
            dst.ensureWritable(length);
            xor(src.nioBuffer(srcIndex, length), dst.nioBuffer(at, length), key);
            dst.writerIndex(at + length);
            return;
        }
        long wide = widen(key);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            dst.writeLong(src.getLong(srcIndex + i) ^ wide);
        }
        for (; i < length; i++) {
            dst.writeByte(src.getByte(srcIndex + i) ^ (key >>> (24 - 8 * (i & 3))));
        }
    }

    /** XORs {@code from} into {@code to} (same length; may be the same memory) with the key. */
    private static void xor(ByteBuffer from, ByteBuffer to, int key) {
        long wide = widen(key);
        int length = from.remaining();
        int fromBase = from.position();
        int toBase = to.position();
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            to.putLong(toBase + i, from.getLong(fromBase + i) ^ wide);
        }
        for (; i < length; i++) {
            to.put(toBase + i, (byte) (from.get(fromBase + i) ^ (key >>> (24 - 8 * (i & 3)))));
        }
    }

    private static long widen(int key) {
        return (key & 0xFFFFFFFFL) << 32 | (key & 0xFFFFFFFFL);
    }
}
