package io.stormsocket.core.codec;

import static io.stormsocket.core.codec.CodecTesting.drain;
import static io.stormsocket.core.codec.CodecTesting.readText;
import static io.stormsocket.core.codec.CodecTesting.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.stormsocket.core.internal.DecoderChannels;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RawCodecTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    @Test
    void deliversEveryReadAsOneFrameWhateverItContains() {
        EmbeddedChannel channel = DecoderChannels.decoding(RawCodec.instance());

        channel.writeInbound(utf8("abc"));
        channel.writeInbound(utf8("de\nf\0\0\0\1g"));
        channel.writeInbound(utf8("h"));

        assertThat(readText(channel)).isEqualTo("abc");
        assertThat(readText(channel)).isEqualTo("de\nf\0\0\0\1g");
        assertThat(readText(channel)).isEqualTo("h");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void deliversNothingForAnEmptyRead() {
        EmbeddedChannel channel = DecoderChannels.decoding(RawCodec.instance());

        assertThat(channel.writeInbound(Unpooled.buffer(0))).isFalse();

        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void encodeReturnsTheSameBufferInstanceUntouched() {
        ByteBuf payload = utf8("as is");

        ByteBuf encoded = RawCodec.instance().encode(payload, ALLOC);

        assertThat(encoded).isSameAs(payload);
        assertThat(payload.refCnt()).isEqualTo(1);
        assertThat(payload.readerIndex()).isZero();
        payload.release();
    }

    @Test
    void encodesOtherFormsWithoutFraming() {
        RawCodec codec = RawCodec.instance();

        assertThat(drain(codec.encode(new byte[] {1, 2, 3}, ALLOC))).containsExactly(1, 2, 3);
        assertThat(drain(codec.encode(ByteBuffer.wrap(new byte[] {4}), ALLOC))).containsExactly(4);
        assertThat(drain(codec.encode("\u00e9", ALLOC))).containsExactly(0xC3, 0xA9);
        assertThat(drain(codec.encode(new byte[0], ALLOC))).isEmpty();
    }

    @Test
    void isOneSharedStatelessInstance() {
        RawCodec codec = FrameCodecs.raw();

        assertThat(codec).isSameAs(RawCodec.instance());
        assertThat(codec.newSessionCodec()).isSameAs(codec);
        assertThat(codec.frameType()).isEqualTo(ByteBuf.class);
        assertThat(codec).hasToString("RawCodec");
    }
}
