package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XOR masking (<a href="https://www.rfc-editor.org/rfc/rfc6455#section-5.3">RFC 6455 section 5.3</a>),
 * eight bytes at a time.
 *
 * <p>Bytes move between the buffer and a local array in chunks, and the XOR runs on the array: one
 * buffer access per chunk instead of one per eight bytes. Each {@code ByteBuf} accessor call checks
 * bounds and liveness, and a buffer tracked by the leak detector at its paranoid level records a
 * stack trace per call, which made masking a megabyte take seconds.
 */
final class Masking {
    /** Bytes per chunk; a multiple of 4, so every chunk starts at the same key phase. */
    private static final int CHUNK = 8192;
    private static final VarHandle LONG_VIEW = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

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
        byte[] chunk = new byte[Math.min(length, CHUNK)];
        for (int done = 0; done < length; done += chunk.length) {
            int n = Math.min(chunk.length, length - done);
            buf.getBytes(index + done, chunk, 0, n);
            xor(chunk, n, rotated);
            buf.setBytes(index + done, chunk, 0, n);
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
        byte[] chunk = new byte[Math.min(length, CHUNK)];
        for (int done = 0; done < length; done += chunk.length) {
            int n = Math.min(chunk.length, length - done);
            src.getBytes(srcIndex + done, chunk, 0, n);
            xor(chunk, n, key);
            dst.writeBytes(chunk, 0, n);
        }
    }

    /** XORs the first {@code length} bytes with the key repeated, key byte 0 first. */
    private static void xor(byte[] bytes, int length, int key) {
        long wide = (key & 0xFFFFFFFFL) << 32 | (key & 0xFFFFFFFFL);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            LONG_VIEW.set(bytes, i, (long) LONG_VIEW.get(bytes, i) ^ wide);
        }
        for (; i < length; i++) {
            bytes[i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
        }
    }
}
