package io.stormsocket.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.stormsocket.core.ProtocolException;
import io.stormsocket.core.codec.FrameCodec;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Adapts a {@link FrameCodec} to Netty's cumulating decoder. After the first failure it discards
 * everything else the peer sends, since the session is closing. Runs on the event loop.
 */
final class FrameDecoderHandler extends ByteToMessageDecoder {
    private FrameCodec<?> codec;
    private final IntConsumer bytesPerFrame;
    private final ListSink sink = new ListSink();
    private boolean failed;
    private boolean suspended;

    /**
     * Creates the adapter.
     *
     * @param codec the session's codec
     * @param bytesPerFrame told, after each decode call that produced frames, how many wire bytes
     *     each frame took on average (receive accounting for typed frames under a handler
     *     executor); {@code null} when nobody needs it
     */
    FrameDecoderHandler(FrameCodec<?> codec, IntConsumer bytesPerFrame) {
        this.codec = codec;
        this.bytesPerFrame = bytesPerFrame;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (suspended) {
            return;
        }
        sink.out = out;
        int start = in.readerIndex();
        int before = out.size();
        try {
            decodeWith(codec, in);
            int frames = out.size() - before;
            if (frames > 0 && bytesPerFrame != null) {
                bytesPerFrame.accept((in.readerIndex() - start) / frames);
            }
        } catch (ProtocolException e) {
            failed = true;
            throw e;
        } catch (Exception e) {
            failed = true;
            throw new ProtocolException("codec " + codec + " failed to decode: " + e.getMessage(), e);
        } finally {
            sink.out = null;
        }
    }

    /** Stops decoding after the current frame; what follows stays buffered (STARTTLS). */
    void suspend() {
        suspended = true;
    }

    void resume() {
        suspended = false;
    }

    /**
     * Takes the buffered bytes not yet decoded, which now belong to another layer, and starts the
     * codec afresh so no decoding state refers to them.
     *
     * @return the bytes (possibly empty); the caller owns them
     */
    ByteBuf takeRemaining() {
        ByteBuf buffered = internalBuffer();
        if (!buffered.isReadable()) {
            return io.netty.buffer.Unpooled.EMPTY_BUFFER;
        }
        codec = codec.newSessionCodec();
        return buffered.readRetainedSlice(buffered.readableBytes());
    }

    @SuppressWarnings("unchecked")
    private <F> void decodeWith(FrameCodec<F> typed, ByteBuf in) throws Exception {
        typed.decode(in, (Consumer<? super F>) sink);
    }

    /** Collects decoded frames into the list Netty forwards after each decode call. */
    private static final class ListSink implements Consumer<Object> {
        List<Object> out;

        @Override
        public void accept(Object frame) {
            out.add(frame);
        }
    }
}
