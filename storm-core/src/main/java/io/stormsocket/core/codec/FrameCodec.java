package io.stormsocket.core.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.Consumer;

/**
 * Cuts a session's inbound bytes into frames of type {@code F} and encodes outbound frames to
 * bytes. One codec instance is configured per server or client; each session gets its own instance
 * from {@link #newSessionCodec()}.
 *
 * <p>A typed codec for a small binary protocol:
 *
 * <pre>{@code
 * record Ping(long nonce) {}
 * final class PingCodec implements FrameCodec<Ping> {
 *     public Class<Ping> frameType() { return Ping.class; }
 *     public void decode(ByteBuf in, Consumer<? super Ping> out) {
 *         if (in.readableBytes() >= 8) {
 *             out.accept(new Ping(in.readLong()));
 *         }
 *     }
 *     public ByteBuf encode(Ping frame, ByteBufAllocator alloc) {
 *         return alloc.buffer(8).writeLong(frame.nonce());
 *     }
 * }
 * }</pre>
 *
 * <p>Threading: {@link #decode} is called on the session's event loop only. {@link #encode} is
 * called on the thread that sends, possibly several at once, so it must not touch decode state.
 *
 * <p>Resources: frames passed to {@code out} belong to Storm (take them from {@code in} with
 * {@link ByteBuf#readRetainedSlice(int)}, never keep {@code in} itself). Storm releases the frame
 * given to {@link #encode} after it returns, unless {@code encode} returned that very buffer.
 *
 * @param <F> the frame type
 */
public interface FrameCodec<F> {

    /**
     * Returns the class of the frames this codec produces and accepts; sends of other types are
     * rejected with a clear exception.
     *
     * @return the frame class
     */
    Class<F> frameType();

    /**
     * Decodes the next whole frame {@code in} holds, passing it to {@code out}, and leaves a partial
     * frame unread. Storm calls this again right away while it makes progress, and again whenever
     * more bytes arrive. Decode one frame per call, as the built-in codecs do: each frame is then
     * handled before the next is cut, so a handler can switch protocols (STARTTLS) exactly at a
     * frame boundary. Emitting several frames per call works otherwise.
     *
     * <p>Check any length the peer announces against a limit before waiting for that many bytes,
     * and throw (preferably a {@link io.stormsocket.core.ProtocolException}) on bad input; Storm
     * reports it to {@code onError} and closes the session with reason protocol error.
     *
     * @param in the accumulated unread bytes
     * @param out receives each decoded frame
     * @throws Exception when the bytes are not a valid frame
     */
    void decode(ByteBuf in, Consumer<? super F> out) throws Exception;

    /**
     * Encodes one frame into a buffer, preferably allocated from {@code alloc} (pooled).
     *
     * @param frame the frame to write
     * @param alloc the session's allocator
     * @return the bytes to write
     * @throws Exception when the frame cannot be encoded; the send fails with it
     */
    ByteBuf encode(F frame, ByteBufAllocator alloc) throws Exception;

    /**
     * Returns the instance a new session uses. Stateless codecs return {@code this} (the default);
     * a codec that keeps decoding state returns a fresh instance.
     *
     * @return the codec for one new session
     */
    default FrameCodec<F> newSessionCodec() {
        return this;
    }
}
