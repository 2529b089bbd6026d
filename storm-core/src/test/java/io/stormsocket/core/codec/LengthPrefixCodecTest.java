package io.stormsocket.core.codec;

import static io.stormsocket.core.codec.CodecTesting.drain;
import static io.stormsocket.core.codec.CodecTesting.readFrame;
import static io.stormsocket.core.codec.CodecTesting.readText;
import static io.stormsocket.core.codec.CodecTesting.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.stormsocket.core.FrameTooLongException;
import io.stormsocket.core.internal.DecoderChannels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LengthPrefixCodecTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private static LengthPrefixCodec codec(int lengthFieldBytes, int maxFrameLength) {
        return LengthPrefixCodec.builder().lengthFieldBytes(lengthFieldBytes).maxFrameLength(maxFrameLength).build();
    }

    /** A frame on the wire, built by hand so the decoder is not checked against its own encoder. */
    private static ByteBuf wireFrame(int lengthFieldBytes, long length, byte[] payload) {
        ByteBuf out = Unpooled.buffer();
        switch (lengthFieldBytes) {
            case 1 -> out.writeByte((int) length);
            case 2 -> out.writeShort((int) length);
            case 4 -> out.writeInt((int) length);
            default -> out.writeLong(length);
        }
        return out.writeBytes(payload);
    }

    private static ByteBuf wireFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return wireFrame(4, payload.length, payload);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---- decoding

    @Test
    void decodesFrameArrivingOneByteAtATime() {
        EmbeddedChannel channel = DecoderChannels.decoding(FrameCodecs.lengthPrefix());
        ByteBuf wire = wireFrame("hello, byte by byte");
        int wireLength = wire.readableBytes();

        for (int i = 0; i < wireLength - 1; i++) {
            assertThat(channel.writeInbound(wire.readRetainedSlice(1))).as("frame after %d bytes", i + 1).isFalse();
        }
        assertThat(channel.writeInbound(wire.readRetainedSlice(1))).isTrue();
        wire.release();

        assertThat(readText(channel)).isEqualTo("hello, byte by byte");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void decodesSeveralFramesFromOneBuffer() {
        EmbeddedChannel channel = DecoderChannels.decoding(FrameCodecs.lengthPrefix());
        ByteBuf wire = Unpooled.buffer();
        for (String text : new String[] {"one", "", "three", "four"}) {
            ByteBuf frame = wireFrame(text);
            wire.writeBytes(frame);
            frame.release();
        }
        wire.writeBytes(new byte[] {0, 0}); // half of the next header stays pending

        channel.writeInbound(wire);

        assertThat(readText(channel)).isEqualTo("one");
        assertThat(readText(channel)).isEmpty();
        assertThat(readText(channel)).isEqualTo("three");
        assertThat(readText(channel)).isEqualTo("four");
        assertThat(channel.<ByteBuf>readInbound()).isNull();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest(name = "{0}-byte length field")
    @ValueSource(ints = {1, 2, 4, 8})
    void decodesBigEndianLengthOfEachFieldWidth(int lengthFieldBytes) {
        EmbeddedChannel channel = DecoderChannels.decoding(codec(lengthFieldBytes, 1024));
        byte[] first = randomBytes(200);
        byte[] second = randomBytes(3);
        ByteBuf wire = wireFrame(lengthFieldBytes, first.length, first);
        ByteBuf next = wireFrame(lengthFieldBytes, second.length, second);
        wire.writeBytes(next);
        next.release();

        channel.writeInbound(wire);

        assertThat(readFrame(channel)).isEqualTo(first);
        assertThat(readFrame(channel)).isEqualTo(second);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void decodesZeroLengthFrameAsEmptyBuffer() {
        EmbeddedChannel channel = DecoderChannels.decoding(FrameCodecs.lengthPrefix());

        assertThat(channel.writeInbound(Unpooled.buffer().writeInt(0))).isTrue();

        assertThat(readFrame(channel)).isEmpty();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void acceptsFrameOfExactlyMaxLength() {
        EmbeddedChannel channel = DecoderChannels.decoding(codec(4, 100));
        byte[] payload = randomBytes(100);

        channel.writeInbound(wireFrame(4, 100, payload));

        assertThat(readFrame(channel)).isEqualTo(payload);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void rejectsFrameOneByteOverMaxAsSoonAsItsHeaderArrives() {
        EmbeddedChannel channel = DecoderChannels.decoding(codec(4, 100));

        FrameTooLongException e = rejection(channel, Unpooled.buffer().writeInt(101));

        assertThat(e.announcedLength()).isEqualTo(101);
        assertThat(e.maxLength()).isEqualTo(100);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest(name = "length field {0}")
    @ValueSource(ints = {0x80000000, 0xFFFFFFFF})
    void rejectsNegativeFourByteLength(int length) {
        EmbeddedChannel channel = DecoderChannels.decoding(FrameCodecs.lengthPrefix());

        FrameTooLongException e = rejection(channel, Unpooled.buffer().writeInt(length).writeByte(1));

        assertThat(e.announcedLength()).isNegative();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void rejectsTwoGibClaimAfterOnlyTheFourHeaderBytes() {
        EmbeddedChannel channel = DecoderChannels.decoding(FrameCodecs.lengthPrefix());

        FrameTooLongException e = rejection(channel, Unpooled.buffer(4).writeInt(0x7FFFFFFF));

        assertThat(e.announcedLength()).isEqualTo(Integer.MAX_VALUE);
        assertThat(e.maxLength()).isEqualTo(LengthPrefixCodec.DEFAULT_MAX_FRAME_LENGTH);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest(name = "length field {0}")
    @ValueSource(longs = {Long.MIN_VALUE, -1L})
    void rejectsNegativeEightByteLength(long length) {
        EmbeddedChannel channel = DecoderChannels.decoding(codec(8, 1024));

        FrameTooLongException e = rejection(channel, Unpooled.buffer(8).writeLong(length));

        assertThat(e.announcedLength()).isEqualTo(length);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void rejectsEightByteLengthBeyondTheIntRange() {
        EmbeddedChannel channel = DecoderChannels.decoding(codec(8, Integer.MAX_VALUE));

        FrameTooLongException e = rejection(channel, Unpooled.buffer(8).writeLong(1L << 32));

        assertThat(e.announcedLength()).isEqualTo(1L << 32);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void rejectsOneByteLengthAboveASmallMax() {
        EmbeddedChannel channel = DecoderChannels.decoding(codec(1, 100));

        FrameTooLongException e = rejection(channel, Unpooled.buffer(1).writeByte(0xC8));

        assertThat(e.announcedLength()).isEqualTo(200);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    // ---- encoding

    @Test
    void encodesByteArrayAfterItsLength() {
        byte[] payload = {10, 20, 30};

        byte[] wire = drain(FrameCodecs.lengthPrefix().encode(payload, ALLOC));

        assertThat(wire).containsExactly(0, 0, 0, 3, 10, 20, 30);
    }

    @Test
    void encodesUtf8TextWithItsByteLengthNotItsCharLength() {
        String text = "h\u00e9 \u20ac \uD834\uDD1E"; // 2-, 3- and 4-byte UTF-8 sequences
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertThat(utf8.length).isNotEqualTo(text.length());

        byte[] wire = drain(FrameCodecs.lengthPrefix().encode(text, ALLOC));

        assertThat(wire).isEqualTo(concat(new byte[] {0, 0, 0, (byte) utf8.length}, utf8));
    }

    @Test
    void encodesByteBufferWithoutMovingItsPosition() {
        ByteBuffer heap = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9});
        heap.position(1).limit(4);
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] {4, 5, 6}).flip();

        byte[] fromHeap = drain(FrameCodecs.lengthPrefix().encode(heap, ALLOC));
        byte[] fromDirect = drain(FrameCodecs.lengthPrefix().encode(direct, ALLOC));

        assertThat(fromHeap).containsExactly(0, 0, 0, 3, 1, 2, 3);
        assertThat(heap.position()).isEqualTo(1);
        assertThat(heap.limit()).isEqualTo(4);
        assertThat(fromDirect).containsExactly(0, 0, 0, 3, 4, 5, 6);
        assertThat(direct.position()).isZero();
    }

    @Test
    void copiesSmallBufferPayloadNextToItsHeaderInOneBuffer() {
        byte[] bytes = randomBytes(2048);
        ByteBuf payload = ALLOC.buffer().writeBytes(bytes);

        ByteBuf encoded = FrameCodecs.lengthPrefix().encode(payload, ALLOC);

        assertThat(encoded).isNotSameAs(payload).isNotInstanceOf(CompositeByteBuf.class);
        assertThat(payload.refCnt()).as("payload left to the caller").isEqualTo(1);
        assertThat(payload.readerIndex()).isZero();
        assertThat(drain(encoded)).isEqualTo(concat(new byte[] {0, 0, 0x08, 0}, bytes));
        payload.release();
    }

    @Test
    void wrapsLargeBufferPayloadWithItsHeaderWithoutCopying() {
        byte[] bytes = randomBytes(2049);
        ByteBuf payload = ALLOC.buffer().writeBytes(bytes);

        ByteBuf encoded = FrameCodecs.lengthPrefix().encode(payload, ALLOC);

        assertThat(encoded).isInstanceOf(CompositeByteBuf.class);
        assertThat(ByteBufUtil.getBytes(encoded)).isEqualTo(concat(new byte[] {0, 0, 0x08, 0x01}, bytes));
        payload.setByte(0, bytes[0] + 1);
        assertThat(encoded.getByte(4)).as("payload shared, not copied").isEqualTo((byte) (bytes[0] + 1));
        encoded.release();
        assertThat(payload.refCnt()).isEqualTo(1);
        payload.release();
    }

    @Test
    void oneByteFieldRejectsPayloadOf256BytesInEveryForm() {
        LengthPrefixCodec codec = codec(1, 1024);
        byte[] tooLong = new byte[256];
        ByteBuf buffer = Unpooled.wrappedBuffer(tooLong);

        assertThatThrownBy(() -> codec.encode(tooLong, ALLOC)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256");
        assertThatThrownBy(() -> codec.encode(ByteBuffer.wrap(tooLong), ALLOC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.encode("x".repeat(256), ALLOC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.encode(buffer, ALLOC)).isInstanceOf(IllegalArgumentException.class);
        assertThat(buffer.refCnt()).isEqualTo(1);
        buffer.release();
        assertThat(drain(codec.encode(new byte[255], ALLOC))).hasSize(256).startsWith((byte) 0xFF);
    }

    @Test
    void twoByteFieldEncodesUpTo65535Bytes() {
        LengthPrefixCodec codec = codec(2, 1 << 20);

        assertThat(drain(codec.encode(new byte[65535], ALLOC))).hasSize(65537).startsWith((byte) 0xFF, (byte) 0xFF);
        assertThatThrownBy(() -> codec.encode(new byte[65536], ALLOC)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}-byte length field")
    @ValueSource(ints = {1, 2, 4, 8})
    void roundTripsEveryEncodingThroughTheDecoder(int lengthFieldBytes) {
        LengthPrefixCodec codec = codec(lengthFieldBytes, 1 << 20);
        int large = lengthFieldBytes == 1 ? 255 : 5000;
        byte[] bytes = randomBytes(large);
        ByteBuf source = Unpooled.wrappedBuffer(bytes);
        EmbeddedChannel channel = DecoderChannels.decoding(codec.newSessionCodec());

        channel.writeInbound(codec.encode(new byte[0], ALLOC));
        channel.writeInbound(codec.encode(bytes, ALLOC));
        channel.writeInbound(codec.encode("gr\u00fc\u00dfe", ALLOC));
        channel.writeInbound(codec.encode(ByteBuffer.wrap(bytes, 1, 7), ALLOC));
        channel.writeInbound(codec.encode(source, ALLOC));
        source.release();

        assertThat(readFrame(channel)).isEmpty();
        assertThat(readFrame(channel)).isEqualTo(bytes);
        assertThat(readText(channel)).isEqualTo("gr\u00fc\u00dfe");
        assertThat(readFrame(channel)).isEqualTo(Arrays.copyOfRange(bytes, 1, 8));
        assertThat(readFrame(channel)).isEqualTo(bytes);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    // ---- configuration

    @Test
    void defaultsToFourByteFieldAndOneMibMaximum() {
        LengthPrefixCodec codec = FrameCodecs.lengthPrefix();

        assertThat(codec.lengthFieldBytes()).isEqualTo(4);
        assertThat(codec.maxFrameLength()).isEqualTo(1024 * 1024).isEqualTo(LengthPrefixCodec.DEFAULT_MAX_FRAME_LENGTH);
        assertThat(codec.frameType()).isEqualTo(ByteBuf.class);
        assertThat(codec).hasToString("LengthPrefixCodec[lengthFieldBytes=4, maxFrameLength=1048576]");
    }

    @Test
    void isStatelessSoEverySessionSharesTheInstance() {
        LengthPrefixCodec codec = FrameCodecs.lengthPrefix();

        assertThat(codec.newSessionCodec()).isSameAs(codec);
    }

    @ParameterizedTest(name = "lengthFieldBytes {0}")
    @ValueSource(ints = {0, 3, 5, 16, -4})
    void builderRejectsUnsupportedLengthFieldWidths(int lengthFieldBytes) {
        assertThatThrownBy(() -> LengthPrefixCodec.builder().lengthFieldBytes(lengthFieldBytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(lengthFieldBytes));
    }

    @ParameterizedTest(name = "maxFrameLength {0}")
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void builderRejectsNonPositiveMaxFrameLength(int maxFrameLength) {
        assertThatThrownBy(() -> LengthPrefixCodec.builder().maxFrameLength(maxFrameLength))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFrameLength");
    }
}
