package io.stormsocket.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One received frame: bytes for the built-in codecs, or the typed object a user
 * {@link io.stormsocket.core.codec.FrameCodec} produced.
 *
 * <p>Resources: a payload passed to an {@code onDataReceived} handler is <em>lent</em> for the
 * duration of the call; Storm releases it when the handler returns. To keep it longer, call
 * {@link #retain()} and {@link #close()} the returned payload when done, or copy it with
 * {@link #bytes()} / {@link #text()}. A payload obtained by pull ({@link Session#receive()}) or from
 * {@link Session#frames()} is <em>owned</em> by the caller, who must close it.
 *
 * <p>Echo is zero-copy and leak-free: {@code server.onDataReceived((s, data) -> s.send(data));}
 *
 * <p>Threading: a payload is not thread-safe; hand a {@link #retain() retained} payload to one
 * other thread at a time.
 */
public final class Payload implements AutoCloseable {
    private final Object frame;
    private boolean closed;

    private Payload(Object frame) {
        this.frame = frame;
    }

    /**
     * Wraps a decoded frame. Ownership of a reference-counted frame passes to the payload.
     *
     * @param frame a {@link ByteBuf} or a typed frame
     * @return the payload
     */
    public static Payload wrap(Object frame) {
        return new Payload(Objects.requireNonNull(frame, "frame"));
    }

    /**
     * Tells whether this payload holds bytes (the built-in codecs) rather than a typed frame.
     *
     * @return {@code true} when {@link #buffer()} is available
     */
    public boolean isBytes() {
        return frame instanceof ByteBuf;
    }

    /**
     * Returns the number of readable bytes.
     *
     * @return the payload's length in bytes
     * @throws IllegalStateException if this payload holds a typed frame
     */
    public int length() {
        return buffer().readableBytes();
    }

    /**
     * Copies the bytes into a new array; the payload is unchanged.
     *
     * @return a fresh copy of the readable bytes
     * @throws IllegalStateException if this payload holds a typed frame
     */
    public byte[] bytes() {
        return ByteBufUtil.getBytes(buffer());
    }

    /**
     * Decodes the bytes as UTF-8. Malformed sequences become U+FFFD; protocols that must reject
     * bad UTF-8 validate it themselves (the WebSocket module does).
     *
     * @return the text
     * @throws IllegalStateException if this payload holds a typed frame
     */
    public String text() {
        return text(StandardCharsets.UTF_8);
    }

    /**
     * Decodes the bytes with a charset.
     *
     * @param charset the charset to decode with
     * @return the text
     * @throws IllegalStateException if this payload holds a typed frame
     */
    public String text(Charset charset) {
        return buffer().toString(charset);
    }

    /**
     * Returns the underlying buffer without copying: an explicit opt-in to Netty's
     * reference-counted memory. The buffer follows the payload's ownership: lent in a callback,
     * owned after {@link #retain()}. Do not release it yourself; close the payload instead.
     *
     * @return the buffer, with its reader index at the first payload byte
     * @throws IllegalStateException if this payload holds a typed frame
     */
    public ByteBuf buffer() {
        if (frame instanceof ByteBuf buf) {
            return buf;
        }
        throw new IllegalStateException("payload holds a typed frame of " + frame.getClass().getName()
                + "; use frame(Class)");
    }

    /**
     * Returns the typed frame a user codec produced (or the {@link ByteBuf} for byte codecs).
     *
     * @param type the expected frame type
     * @param <T> the frame type
     * @return the frame
     * @throws ClassCastException if the frame is not of that type
     */
    public <T> T frame(Class<T> type) {
        return type.cast(frame);
    }

    /**
     * Returns the frame object, whatever its type; used by Storm's sends.
     *
     * @return the frame
     */
    public Object frame() {
        return frame;
    }

    /**
     * Returns a payload that owns its own reference to the same frame, valid until closed; use it
     * to keep data beyond a callback or hand it to another thread.
     *
     * @return a new owned payload; close it when done
     */
    public Payload retain() {
        if (frame instanceof ByteBuf buf) {
            return new Payload(buf.retainedDuplicate());
        }
        ReferenceCountUtil.retain(frame);
        return new Payload(frame);
    }

    /**
     * Releases this payload's reference; a second call does nothing. Safe on a typed frame that is
     * not reference-counted.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    public String toString() {
        if (frame instanceof ByteBuf buf) {
            return "Payload[" + (buf.refCnt() > 0 ? buf.readableBytes() + " bytes" : "released") + "]";
        }
        return "Payload[" + frame + "]";
    }
}
