package io.stormsocket.core.codec;

import static io.stormsocket.core.codec.CodecTesting.drain;
import static io.stormsocket.core.codec.CodecTesting.readText;
import static io.stormsocket.core.codec.CodecTesting.rejection;
import static io.stormsocket.core.codec.CodecTesting.utf8;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DelimiterCodecTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private static DelimiterCodec crlf(int maxFrameLength) {
        return DelimiterCodec.builder().delimiter("\r\n").maxFrameLength(maxFrameLength).build();
    }

    private static EmbeddedChannel decoding(DelimiterCodec codec) {
        return DecoderChannels.decoding(codec.newSessionCodec());
    }

    // ---- decoding

    @Test
    void splitsOnNewlineByDefaultAndKeepsTheUnfinishedLine() {
        DelimiterCodec codec = FrameCodecs.lines();
        EmbeddedChannel channel = decoding(codec);

        channel.writeInbound(utf8("first\nsecond\nthi"));
        channel.writeInbound(utf8("rd\n"));

        assertThat(codec.delimiter()).containsExactly('\n');
        assertThat(readText(channel)).isEqualTo("first");
        assertThat(readText(channel)).isEqualTo("second");
        assertThat(readText(channel)).isEqualTo("third");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void splitsOnCrLfAndKeepsALoneCarriageReturnOrLineFeedInTheFrame() {
        EmbeddedChannel channel = decoding(crlf(1024));

        channel.writeInbound(utf8("a\rb\nc\r\n\r\rd\r\n"));

        assertThat(readText(channel)).isEqualTo("a\rb\nc");
        assertThat(readText(channel)).isEqualTo("\r\rd");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void findsCrLfSplitAcrossTwoReads() {
        EmbeddedChannel channel = decoding(crlf(1024));

        assertThat(channel.writeInbound(utf8("hello\r"))).isFalse();
        assertThat(channel.writeInbound(utf8("\nworld\r"))).isTrue();
        assertThat(channel.writeInbound(utf8("\r\n"))).isTrue();

        assertThat(readText(channel)).isEqualTo("hello");
        assertThat(readText(channel)).isEqualTo("world\r");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void keepsTheDelimiterWhenNotStripped() {
        DelimiterCodec codec = DelimiterCodec.builder().delimiter("\r\n").stripDelimiter(false).build();
        EmbeddedChannel channel = decoding(codec);

        channel.writeInbound(utf8("one\r\ntwo\r"));
        channel.writeInbound(utf8("\n"));

        assertThat(codec.stripDelimiter()).isFalse();
        assertThat(readText(channel)).isEqualTo("one\r\n");
        assertThat(readText(channel)).isEqualTo("two\r\n");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void deliversEmptyFramesBetweenConsecutiveDelimiters() {
        EmbeddedChannel channel = decoding(FrameCodecs.lines());

        channel.writeInbound(utf8("\n\na\n\n"));

        assertThat(readText(channel)).isEmpty();
        assertThat(readText(channel)).isEmpty();
        assertThat(readText(channel)).isEqualTo("a");
        assertThat(readText(channel)).isEmpty();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest(name = "delimiter length {0}")
    @ValueSource(ints = {1, 2, 3})
    void acceptsFrameOfExactlyMaxLengthEvenWhenItsDelimiterArrivesByteByByte(int delimiterLength) {
        String delimiter = "\r\n\0".substring(0, delimiterLength);
        DelimiterCodec codec = DelimiterCodec.builder().delimiter(delimiter).maxFrameLength(10).build();
        EmbeddedChannel channel = decoding(codec);

        channel.writeInbound(utf8("0123456789"));
        for (char c : delimiter.toCharArray()) {
            channel.writeInbound(utf8(String.valueOf(c)));
        }

        assertThat(readText(channel)).isEqualTo("0123456789");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest(name = "delimiter length {0}")
    @ValueSource(ints = {1, 2, 3})
    void rejectsOverlongFrameAsSoonAsMoreThanMaxPlusDelimiterMinusOneBytesArrive(int delimiterLength) {
        String delimiter = "\r\n\0".substring(0, delimiterLength);
        DelimiterCodec codec = DelimiterCodec.builder().delimiter(delimiter).maxFrameLength(10).build();
        EmbeddedChannel channel = decoding(codec);
        int tolerated = 10 + delimiterLength - 1;

        assertThat(channel.writeInbound(utf8("x".repeat(tolerated)))).isFalse();
        FrameTooLongException e = rejection(channel, utf8("x"));

        assertThat(e.announcedLength()).isEqualTo(tolerated + 1);
        assertThat(e.maxLength()).isEqualTo(10);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void rejectsOverlongFrameWhoseDelimiterArrivesInTheSameRead() {
        EmbeddedChannel channel = decoding(DelimiterCodec.builder().maxFrameLength(10).build());

        FrameTooLongException e = rejection(channel, utf8("ok\n01234567890\n"));

        assertThat(e.announcedLength()).isEqualTo(11);
        assertThat(readText(channel)).as("frame before the bad one").isEqualTo("ok");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void waitsForMoreBytesWhenMaxIsIntegerMaxAndTheDelimiterHasTwoBytes() {
        EmbeddedChannel channel = decoding(crlf(Integer.MAX_VALUE));

        channel.writeInbound(utf8("partial"));
        channel.writeInbound(utf8(" line\r\n"));

        assertThat(readText(channel)).isEqualTo("partial line");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void decodesATenThousandByteLineTricklingInByteByByte() {
        EmbeddedChannel channel = decoding(crlf(DelimiterCodec.DEFAULT_MAX_FRAME_LENGTH));
        StringBuilder line = new StringBuilder(10_000);
        for (int i = 0; i < 10_000; i++) {
            line.append((char) ('a' + i % 26));
        }
        ByteBuf wire = utf8(line + "\r\nnext");

        while (wire.isReadable()) {
            channel.writeInbound(wire.readRetainedSlice(1));
        }
        wire.release();

        assertThat(readText(channel)).isEqualTo(line.toString());
        assertThat(channel.<ByteBuf>readInbound()).isNull();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void newSessionCodecReturnsADistinctInstanceWithTheSameSettings() {
        DelimiterCodec codec = crlf(64);

        FrameCodec<ByteBuf> session = codec.newSessionCodec();

        assertThat(session).isNotSameAs(codec).isInstanceOf(DelimiterCodec.class);
        assertThat(session.newSessionCodec()).isNotSameAs(session);
        assertThat(session).hasToString(codec.toString());
    }

    @Test
    void sessionsKeepTheirOwnSearchPosition() {
        DelimiterCodec codec = FrameCodecs.lines();
        EmbeddedChannel first = decoding(codec);
        EmbeddedChannel second = decoding(codec);

        first.writeInbound(utf8("a long partial line"));
        second.writeInbound(utf8("b\n"));
        first.writeInbound(utf8("\n"));

        assertThat(readText(second)).isEqualTo("b");
        assertThat(readText(first)).isEqualTo("a long partial line");
        assertThat(first.finishAndReleaseAll()).isFalse();
        assertThat(second.finishAndReleaseAll()).isFalse();
    }

    // ---- encoding

    @Test
    void encodeAppendsTheDelimiterToEveryPayloadForm() {
        DelimiterCodec codec = crlf(1024);
        ByteBuf small = Unpooled.copiedBuffer("buf", StandardCharsets.UTF_8);

        assertThat(drain(codec.encode("t\u00e9xt", ALLOC))).isEqualTo("t\u00e9xt\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(drain(codec.encode(new byte[] {1, 2}, ALLOC))).containsExactly(1, 2, '\r', '\n');
        assertThat(drain(codec.encode(ByteBuffer.wrap(new byte[] {3}), ALLOC))).containsExactly(3, '\r', '\n');
        assertThat(drain(codec.encode(small, ALLOC))).containsExactly('b', 'u', 'f', '\r', '\n');
        assertThat(small.refCnt()).isEqualTo(1);
        small.release();
    }

    @Test
    void encodeWrapsALargeBufferWithTheDelimiterAsTrailer() {
        byte[] bytes = "y".repeat(4096).getBytes(StandardCharsets.US_ASCII);
        ByteBuf payload = ALLOC.buffer().writeBytes(bytes);

        ByteBuf encoded = FrameCodecs.lines().encode(payload, ALLOC);

        assertThat(encoded).isInstanceOf(CompositeByteBuf.class);
        assertThat(encoded.readableBytes()).isEqualTo(4097);
        assertThat(ByteBufUtil.getBytes(encoded, 0, 4096)).isEqualTo(bytes);
        assertThat(encoded.getByte(4096)).isEqualTo((byte) '\n');
        encoded.release();
        payload.release();
    }

    // ---- configuration

    @Test
    void defaultsToNewlineOneMibAndStripping() {
        DelimiterCodec codec = DelimiterCodec.builder().build();

        assertThat(codec.delimiter()).containsExactly('\n');
        assertThat(codec.maxFrameLength()).isEqualTo(1024 * 1024);
        assertThat(codec.stripDelimiter()).isTrue();
    }

    @Test
    void delimiterIsCopiedInAndOut() {
        byte[] delimiter = {'|'};
        DelimiterCodec codec = DelimiterCodec.builder().delimiter(delimiter).build();

        delimiter[0] = '#';
        codec.delimiter()[0] = '#';

        assertThat(codec.delimiter()).containsExactly('|');
    }

    @Test
    void builderRejectsEmptyDelimiterAndNonPositiveMax() {
        assertThatThrownBy(() -> DelimiterCodec.builder().delimiter(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DelimiterCodec.builder().delimiter(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DelimiterCodec.builder().maxFrameLength(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DelimiterCodec.builder().maxFrameLength(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
