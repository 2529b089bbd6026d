package io.stormsocket.core.codec;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * No framing: every read from the socket is delivered as it arrives, and sends are written as they
 * are. Message boundaries are not preserved (TCP is a stream); use it for protocols that frame
 * themselves or for byte pipes such as echo and proxies. The default codec.
 */
public final class RawCodec extends ByteFrameCodec {
    private static final byte[] NO_TRAILER = new byte[0];
    private static final RawCodec INSTANCE = new RawCodec();

    private RawCodec() {
    }

    /**
     * Returns the shared instance; the codec is stateless.
     *
     * @return the raw codec
     */
    public static RawCodec instance() {
        return INSTANCE;
    }

    @Override
    public void decode(ByteBuf in, Consumer<? super ByteBuf> out) {
        if (in.isReadable()) {
            out.accept(in.readRetainedSlice(in.readableBytes()));
        }
    }

    @Override
    protected int headerLength() {
        return 0;
    }

    @Override
    protected void setHeader(ByteBuf out, int index, int payloadLength) {
        // no header
    }

    @Override
    protected byte[] trailer() {
        return NO_TRAILER;
    }

    @Override
    public String toString() {
        return "RawCodec";
    }
}
