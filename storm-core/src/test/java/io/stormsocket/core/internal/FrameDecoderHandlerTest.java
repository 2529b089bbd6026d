package io.stormsocket.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.stormsocket.core.ProtocolException;
import io.stormsocket.core.codec.FrameCodec;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FrameDecoderHandlerTest {

    record Ping(long nonce) {
    }

    /** Eight bytes per frame; counts its decode calls and can be told to fail. */
    static final class PingCodec implements FrameCodec<Ping> {
        final AtomicInteger decodeCalls = new AtomicInteger();
        Exception failWith;

        @Override
        public Class<Ping> frameType() {
            return Ping.class;
        }

        @Override
        public void decode(ByteBuf in, Consumer<? super Ping> out) throws Exception {
            decodeCalls.incrementAndGet();
            if (failWith != null) {
                throw failWith;
            }
            while (in.readableBytes() >= Long.BYTES) {
                out.accept(new Ping(in.readLong()));
            }
        }

        @Override
        public ByteBuf encode(Ping frame, ByteBufAllocator alloc) {
            return alloc.buffer(Long.BYTES).writeLong(frame.nonce());
        }

        @Override
        public String toString() {
            return "PingCodec";
        }
    }

    @Test
    void forwardsTypedFramesInOrder() {
        EmbeddedChannel channel = DecoderChannels.decoding(new PingCodec());

        channel.writeInbound(Unpooled.buffer().writeLong(1).writeLong(2).writeInt(0));
        channel.writeInbound(Unpooled.buffer().writeInt(3));

        assertThat(channel.<Ping>readInbound()).isEqualTo(new Ping(1));
        assertThat(channel.<Ping>readInbound()).isEqualTo(new Ping(2));
        assertThat(channel.<Ping>readInbound()).isEqualTo(new Ping(3));
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void passesProtocolExceptionThroughUnwrapped() {
        PingCodec codec = new PingCodec();
        ProtocolException bad = new ProtocolException("bad ping");
        codec.failWith = bad;
        EmbeddedChannel channel = DecoderChannels.decoding(codec);

        Throwable thrown = catchThrowable(() -> channel.writeInbound(Unpooled.buffer().writeLong(1)));

        assertThat(thrown).isInstanceOf(DecoderException.class);
        assertThat(thrown.getCause()).isSameAs(bad);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void wrapsOtherCodecFailuresInProtocolExceptionNamingTheCodec() {
        PingCodec codec = new PingCodec();
        IOException io = new IOException("boom");
        codec.failWith = io;
        EmbeddedChannel channel = DecoderChannels.decoding(codec);

        Throwable thrown = catchThrowable(() -> channel.writeInbound(Unpooled.buffer().writeLong(1)));

        assertThat(thrown).isInstanceOf(DecoderException.class);
        assertThat(thrown.getCause())
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessageContaining("PingCodec")
                .hasMessageContaining("boom")
                .hasCause(io);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void discardsEverythingAfterTheFirstFailure() {
        PingCodec codec = new PingCodec();
        codec.failWith = new ProtocolException("bad ping");
        EmbeddedChannel channel = DecoderChannels.decoding(codec);
        assertThat(catchThrowable(() -> channel.writeInbound(Unpooled.buffer().writeLong(1))))
                .isInstanceOf(DecoderException.class);
        codec.failWith = null;

        boolean produced = channel.writeInbound(Unpooled.buffer().writeLong(2).writeLong(3));

        assertThat(produced).isFalse();
        assertThat(codec.decodeCalls).hasValue(1);
        assertThat(channel.finishAndReleaseAll()).isFalse();
        assertThat(codec.decodeCalls).hasValue(1);
    }
}
