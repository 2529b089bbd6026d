package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.codec.FrameCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed frames carried one per message, through the options' {@code messageCodec}.
 *
 * <p>Threading: {@link #decode} on the event loop with the session's codec; {@link #encode} on any
 * thread (codec encoders are thread-safe by contract).
 */
final class TypedMessages {
    private TypedMessages() {
    }

    /**
     * Decodes one message into exactly one frame.
     *
     * @param codec the session's codec
     * @param message the message's bytes, not released here
     * @return the frame
     * @throws IllegalArgumentException if the bytes are not exactly one frame
     */
    static Object decode(FrameCodec<?> codec, ByteBuf message) throws Exception {
        List<Object> frames = new ArrayList<>(1);
        codec.decode(message, frames::add);
        if (frames.size() != 1 || message.isReadable()) {
            frames.forEach(ReferenceCountUtil::release);
            throw new IllegalArgumentException("message is not exactly one " + codec.frameType().getSimpleName()
                    + " frame (" + frames.size() + " decoded, " + message.readableBytes() + " bytes left)");
        }
        return frames.get(0);
    }

    /**
     * Encodes a typed frame as a binary message's payload, taking ownership of the frame.
     *
     * @param codec the codec
     * @param frame a frame of the codec's type
     * @param alloc the allocator
     * @return the payload
     */
    @SuppressWarnings("unchecked")
    static <F> ByteBuf encode(FrameCodec<F> codec, Object frame, ByteBufAllocator alloc) throws Exception {
        ByteBuf out = null;
        try {
            out = codec.encode((F) frame, alloc);
            return out;
        } finally {
            if (out != frame) {
                ReferenceCountUtil.release(frame);
            }
        }
    }

    /** {@return whether {@code send} is a frame of the codec, if there is one} */
    static boolean isTyped(FrameCodec<?> codec, Object send) {
        return codec != null && !(send instanceof ByteBuf) && codec.frameType().isInstance(send);
    }
}
