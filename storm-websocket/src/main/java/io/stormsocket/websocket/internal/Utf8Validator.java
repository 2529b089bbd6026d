package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Incremental, strict UTF-8 validation for text messages
 * (<a href="https://www.rfc-editor.org/rfc/rfc6455#section-8.1">RFC 6455 §8.1</a>), following the
 * well-formed byte sequences of <a href="https://www.rfc-editor.org/rfc/rfc3629#section-4">RFC 3629
 * §4</a>: overlong forms, surrogates (U+D800..U+DFFF), code points above U+10FFFF, stray continuation
 * bytes and the bytes 0xC0, 0xC1, 0xF5..0xFF are rejected.
 *
 * <p>The validator fails fast: it rejects the first byte after which no continuation could make the
 * input valid, so a text message can be failed while its first fragment is still arriving. After a
 * failure every further {@code update} returns {@code false} until {@link #reset()}.
 *
 * <p>Threading: not thread-safe; one instance belongs to one inbound message stream and is used by
 * one thread at a time (the session's event loop).
 *
 * <pre>{@code
 * Utf8Validator utf8 = new Utf8Validator();
 * for (ByteBuf fragment : fragments) {
 *     if (!utf8.update(fragment, fragment.readerIndex(), fragment.readableBytes())) {
 *         // close with 1007 (invalid frame payload data)
 *     }
 * }
 * boolean valid = utf8.isComplete();
 * }</pre>
 */
public final class Utf8Validator {
    private static final VarHandle LONG_VIEW =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final int CONTINUATION_MIN = 0x80;
    private static final int CONTINUATION_MAX = 0xBF;

    /** Continuation bytes still expected for the current sequence; 0 between code points. */
    private int remaining;
    /** Smallest allowed value (unsigned) of the next continuation byte. */
    private int nextMin = CONTINUATION_MIN;
    /** Largest allowed value (unsigned) of the next continuation byte. */
    private int nextMax = CONTINUATION_MAX;
    private boolean failed;

    /** Creates a validator in its initial state: between code points, no failure. */
    public Utf8Validator() {
    }

    /**
     * Validates {@code length} bytes of {@code buf} from {@code index}, continuing from the state left
     * by earlier calls. The buffer's indices are not moved.
     *
     * @param buf the bytes to check
     * @param index the absolute index of the first byte
     * @param length how many bytes to check
     * @return {@code false} as soon as a byte makes the input invalid (and from then on), otherwise
     *     {@code true}
     */
    public boolean update(ByteBuf buf, int index, int length) {
        if (failed) {
            return false;
        }
        if (buf.hasArray()) {
            return update(buf.array(), buf.arrayOffset() + index, length);
        }
        if (length == 0) {
            return true;
        }
        // The NIO views: no per-access bounds or leak-tracking overhead of the ByteBuf accessors.
        for (ByteBuffer part : buf.nioBuffers(index, length)) {
            if (!update(part)) {
                return false;
            }
        }
        return true;
    }

    private boolean update(ByteBuffer part) {
        if (part.hasArray()) {
            return update(part.array(), part.arrayOffset() + part.position(), part.remaining());
        }
        int i = part.position();
        int end = part.limit();
        while (i < end) {
            if (remaining == 0) {
                while (end - i >= Long.BYTES && (part.getLong(i) & HIGH_BITS) == 0) {
                    i += Long.BYTES;
                }
                if (i == end) {
                    break;
                }
            }
            if (!accept(part.get(i) & 0xFF)) {
                return false;
            }
            i++;
        }
        return true;
    }

    /**
     * Validates {@code length} bytes of {@code bytes} from {@code offset}, continuing from the state
     * left by earlier calls.
     *
     * @param bytes the bytes to check
     * @param offset the index of the first byte
     * @param length how many bytes to check
     * @return {@code false} as soon as a byte makes the input invalid (and from then on), otherwise
     *     {@code true}
     */
    public boolean update(byte[] bytes, int offset, int length) {
        if (failed) {
            return false;
        }
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (remaining == 0) {
                while (end - i >= Long.BYTES && ((long) LONG_VIEW.get(bytes, i) & HIGH_BITS) == 0) {
                    i += Long.BYTES;
                }
                if (i == end) {
                    break;
                }
            }
            if (!accept(bytes[i] & 0xFF)) {
                return false;
            }
            i++;
        }
        return true;
    }

    /**
     * Tells whether everything seen so far is valid and ends on a code point boundary, as the end of a
     * text message must.
     *
     * @return {@code true} when no sequence is open and no byte was rejected
     */
    public boolean isComplete() {
        return !failed && remaining == 0;
    }

    /** Forgets all state, as for a new message. */
    public void reset() {
        remaining = 0;
        nextMin = CONTINUATION_MIN;
        nextMax = CONTINUATION_MAX;
        failed = false;
    }

    private boolean accept(int b) {
        if (remaining > 0) {
            if (b < nextMin || b > nextMax) {
                failed = true;
                return false;
            }
            remaining--;
            nextMin = CONTINUATION_MIN;
            nextMax = CONTINUATION_MAX;
            return true;
        }
        if (b < 0x80) {
            return true;
        }
        // Lead bytes (RFC 3629 §4). The range of the second byte carries the extra constraints:
        // E0 needs A0.. (no overlong 3-byte form), ED needs ..9F (no surrogates), F0 needs 90..
        // (no overlong 4-byte form), F4 needs ..8F (nothing above U+10FFFF).
        if (b >= 0xC2 && b <= 0xDF) {
            open(1, CONTINUATION_MIN, CONTINUATION_MAX);
        } else if (b == 0xE0) {
            open(2, 0xA0, CONTINUATION_MAX);
        } else if (b == 0xED) {
            open(2, CONTINUATION_MIN, 0x9F);
        } else if (b >= 0xE1 && b <= 0xEF) {
            open(2, CONTINUATION_MIN, CONTINUATION_MAX);
        } else if (b == 0xF0) {
            open(3, 0x90, CONTINUATION_MAX);
        } else if (b >= 0xF1 && b <= 0xF3) {
            open(3, CONTINUATION_MIN, CONTINUATION_MAX);
        } else if (b == 0xF4) {
            open(3, CONTINUATION_MIN, 0x8F);
        } else {
            // 0x80..0xBF without a lead byte, 0xC0/0xC1 (always overlong), 0xF5..0xFF.
            failed = true;
            return false;
        }
        return true;
    }

    private void open(int continuationBytes, int min, int max) {
        remaining = continuationBytes;
        nextMin = min;
        nextMax = max;
    }
}
