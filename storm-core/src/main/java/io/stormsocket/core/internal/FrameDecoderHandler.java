package io.stormsocket.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.stormsocket.core.ProtocolException;
import io.stormsocket.core.codec.FrameCodec;
import java.util.List;
import java.util.function.Consumer;

/**
 * Adapts a {@link FrameCodec} to Netty's cumulating decoder. After the first failure it discards
 * everything else the peer sends, since the session is closing. Runs on the event loop.
 */
final class FrameDecoderHandler extends ByteToMessageDecoder {
    private final FrameCodec<?> codec;
    private final ListSink sink = new ListSink();
    private boolean failed;

    FrameDecoderHandler(FrameCodec<?> codec) {
        this.codec = codec;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        sink.out = out;
        try {
            decodeWith(codec, in);
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
