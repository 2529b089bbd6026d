package io.stormsocket.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class MessageInflaterTest {
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    /** Collects output, checking piece sizes, and releases every piece. */
    private static final class Collector implements Consumer<ByteBuf> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int pieces;
        int largestPiece;

        @Override
        public void accept(ByteBuf piece) {
            try {
                pieces++;
                largestPiece = Math.max(largestPiece, piece.readableBytes());
                assertThat(piece.readableBytes()).isBetween(1, MessageInflater.MAX_PIECE);
                bytes.writeBytes(ByteBufUtil.getBytes(piece));
            } finally {
                piece.release();
            }
        }
    }

    private static void feed(MessageInflater inflater, byte[] compressed, int from, int to, boolean last,
                             Consumer<ByteBuf> out) {
        ByteBuf chunk = ALLOC.buffer(to - from).writeBytes(compressed, from, to - from);
        try {
            inflater.inflate(chunk, last, ALLOC, out);
            assertThat(chunk.readerIndex()).isZero();
            assertThat(chunk.refCnt()).isEqualTo(1);
        } finally {
            chunk.release();
        }
    }

    private static byte[] compress(MessageDeflater deflater, byte[] message) {
        return MessageDeflaterTest.deflateToArray(deflater, message, ALLOC);
    }

    /** Raw deflate of {@code size} zeros with a sync flush, tail removed, made in 1 MiB steps. */
    private static byte[] zerosBomb(long size) {
        Deflater deflater = new Deflater(9, true);
        try {
            byte[] zeros = new byte[1 << 20];
            byte[] out = new byte[1 << 16];
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            for (long done = 0; done < size; done += zeros.length) {
                deflater.setInput(zeros);
                while (!deflater.needsInput()) {
                    compressed.write(out, 0, deflater.deflate(out, 0, out.length, Deflater.NO_FLUSH));
                }
            }
            int n;
            do {
                n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
                compressed.write(out, 0, n);
            } while (n == out.length);
            byte[] result = compressed.toByteArray();
            return Arrays.copyOf(result, result.length - 4);
        } finally {
            deflater.end();
        }
    }

    @Test
    void largeMessagesComeOutInPiecesOfAtMost64KiB() {
        byte[] message = MessageDeflaterTest.text(new Random(1), 300_000);
        try (MessageDeflater deflater = new MessageDeflater(15, false, 6);
             MessageInflater inflater = new MessageInflater(1 << 20)) {
            Collector out = new Collector();
            byte[] compressed = compress(deflater, message);
            feed(inflater, compressed, 0, compressed.length, true, out);
            assertThat(out.bytes.toByteArray()).isEqualTo(message);
            assertThat(out.largestPiece).isEqualTo(MessageInflater.MAX_PIECE);
            assertThat(out.pieces).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void aMessageSplitIntoChunksAtAnyPositionDecodes() {
        byte[] message = "Hello, compressed world! Hello, compressed world!".getBytes(StandardCharsets.US_ASCII);
        try (MessageDeflater deflater = new MessageDeflater(15, false, 6)) {
            byte[] compressed = compress(deflater, message);
            for (int split = 0; split <= compressed.length; split++) {
                try (MessageInflater inflater = new MessageInflater(1000)) {
                    Collector out = new Collector();
                    feed(inflater, compressed, 0, split, false, out);
                    feed(inflater, compressed, split, compressed.length, true, out);
                    assertThat(out.bytes.toByteArray()).as("split at %d", split).isEqualTo(message);
                }
            }
        }
    }

    @Test
    void messagesSharingContextDecodeInSequenceWhateverTheChunking() {
        Random random = new Random(8);
        try (MessageDeflater deflater = new MessageDeflater(15, false, 6);
             MessageInflater inflater = new MessageInflater(1 << 20)) {
            for (int round = 0; round < 20; round++) {
                byte[] message = MessageDeflaterTest.text(random, random.nextInt(3_000));
                byte[] compressed = compress(deflater, message);
                Collector out = new Collector();
                int from = 0;
                while (from < compressed.length) {
                    int to = Math.min(compressed.length, from + 1 + random.nextInt(64));
                    feed(inflater, compressed, from, to, false, out);
                    from = to;
                }
                feed(inflater, compressed, 0, 0, true, out); // an empty last chunk ends the message
                assertThat(out.bytes.toByteArray()).as("message %d", round).isEqualTo(message);
            }
        }
    }

    @Test
    void decompressionBombStopsAtTheLimit() {
        byte[] bomb = zerosBomb(64L << 20);
        assertThat(bomb.length).isLessThan(200_000);
        long cap = 1 << 20;
        AtomicLong emitted = new AtomicLong();
        try (MessageInflater inflater = new MessageInflater(cap)) {
            assertThatThrownBy(() -> {
                for (int from = 0; from < bomb.length; from += 8192) {
                    int to = Math.min(bomb.length, from + 8192);
                    feed(inflater, bomb, from, to, to == bomb.length, piece -> {
                        emitted.addAndGet(piece.readableBytes());
                        piece.release();
                    });
                }
            }).isInstanceOf(MessageTooBigException.class)
                    .hasMessageContaining(String.valueOf(cap));
            assertThat(emitted.get()).isLessThanOrEqualTo(cap + MessageInflater.MAX_PIECE);
            ByteBuf more = ALLOC.buffer().writeByte(0);
            try {
                assertThatIllegalStateException().isThrownBy(() -> inflater.inflate(more, true, ALLOC, ByteBuf::release))
                        .withMessageContaining("failed earlier");
            } finally {
                more.release();
            }
        }
    }

    @Test
    void messageOfExactlyTheLimitPassesAndTheCounterResetsPerMessage() {
        byte[] message = MessageDeflaterTest.randomBytes(new Random(2), 10_000);
        try (MessageDeflater deflater = new MessageDeflater(15, false, 6);
             MessageInflater inflater = new MessageInflater(message.length)) {
            for (int i = 0; i < 3; i++) {
                Collector out = new Collector();
                byte[] compressed = compress(deflater, message);
                feed(inflater, compressed, 0, compressed.length, true, out);
                assertThat(out.bytes.toByteArray()).isEqualTo(message);
            }
            byte[] oneMore = Arrays.copyOf(message, message.length + 1);
            byte[] compressed = compress(deflater, oneMore);
            assertThatThrownBy(() -> feed(inflater, compressed, 0, compressed.length, true, new Collector()))
                    .isInstanceOf(MessageTooBigException.class)
                    .satisfies(e -> assertThat(((MessageTooBigException) e).limit()).isEqualTo(message.length));
        }
    }

    @Test
    void corruptInputIsReported() {
        try (MessageInflater inflater = new MessageInflater(1000)) {
            byte[] corrupt = HexFormat.of().parseHex("ffffffff"); // BTYPE 11 is reserved
            assertThatThrownBy(() -> feed(inflater, corrupt, 0, corrupt.length, true, new Collector()))
                    .isInstanceOf(InvalidCompressedDataException.class)
                    .hasCauseInstanceOf(java.util.zip.DataFormatException.class);
        }
        try (MessageDeflater deflater = new MessageDeflater(15, false, 6);
             MessageInflater inflater = new MessageInflater(1 << 20)) {
            byte[] compressed = compress(deflater, MessageDeflaterTest.text(new Random(4), 5_000));
            // A stored block whose LEN and NLEN disagree.
            byte[] badStored = HexFormat.of().parseHex("0012345678");
            assertThatThrownBy(() -> feed(inflater, badStored, 0, badStored.length, true, new Collector()))
                    .isInstanceOf(InvalidCompressedDataException.class);
            assertThat(compressed).isNotEmpty();
        }
    }

    @Test
    void aReferenceBeforeTheStartOfTheStreamIsCorrupt() {
        // Messages compressed with context takeover cannot be decoded without the earlier ones.
        byte[] message = MessageDeflaterTest.text(new Random(6), 3_000);
        try (MessageDeflater deflater = new MessageDeflater(15, false, 6);
             MessageInflater inflater = new MessageInflater(1 << 20)) {
            compress(deflater, message);
            byte[] second = compress(deflater, message);
            assertThatThrownBy(() -> feed(inflater, second, 0, second.length, true, new Collector()))
                    .isInstanceOf(InvalidCompressedDataException.class);
        }
    }

    @Test
    void finalBlockEndsTheStreamAndTheNextMessageStartsAfresh() {
        // RFC 7692 §7.2.3.4: "Hello" in a block with BFINAL set, then a 0x00 octet.
        byte[] bfinal = HexFormat.of().parseHex("f348cdc9c90700" + "00");
        try (MessageInflater inflater = new MessageInflater(1000);
             MessageDeflater deflater = new MessageDeflater(15, false, 6)) {
            for (int i = 0; i < 2; i++) {
                Collector out = new Collector();
                feed(inflater, bfinal, 0, 4, false, out);
                feed(inflater, bfinal, 4, bfinal.length, true, out);
                assertThat(out.bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("Hello");
            }
            byte[] world = "world".getBytes(StandardCharsets.US_ASCII);
            Collector out = new Collector();
            byte[] compressed = compress(deflater, world);
            feed(inflater, compressed, 0, compressed.length, true, out);
            assertThat(out.bytes.toByteArray()).isEqualTo(world);
        }
    }

    @Test
    void rfcExamplesDecode() {
        try (MessageInflater inflater = new MessageInflater(1000)) {
            // RFC 7692 §7.2.3.2: two "Hello" messages sharing context.
            for (String hex : new String[] {"f248cdc9c90700", "f200110000"}) {
                byte[] compressed = HexFormat.of().parseHex(hex);
                Collector out = new Collector();
                feed(inflater, compressed, 0, compressed.length, true, out);
                assertThat(out.bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("Hello");
            }
            // §7.2.3.3: "Hello" in a stored block.
            byte[] stored = HexFormat.of().parseHex("000500faff48656c6c6f00");
            Collector out = new Collector();
            feed(inflater, stored, 0, stored.length, true, out);
            assertThat(out.bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("Hello");
        }
    }

    @Test
    void rejectsInvalidLimitAndUseAfterClose() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageInflater(0));
        MessageInflater inflater = new MessageInflater(10);
        assertThat(inflater.maxMessageBytes()).isEqualTo(10);
        inflater.close();
        inflater.close();
        ByteBuf chunk = ALLOC.buffer().writeByte(0);
        try {
            assertThatIllegalStateException().isThrownBy(() -> inflater.inflate(chunk, true, ALLOC, ByteBuf::release))
                    .withMessageContaining("closed");
        } finally {
            chunk.release();
        }
    }

    @Test
    void zlibStateIsMadeAtTheFirstCompressedMessageOnly() {
        // Ten thousand idle sessions with permessage-deflate agreed must not hold ten thousand zlib streams.
        MessageDeflater deflater = new MessageDeflater(15, false, 6);
        MessageInflater inflater = new MessageInflater(1024);
        try {
            assertThat(deflater.holdsZlibState()).isFalse();
            assertThat(inflater.holdsZlibState()).isFalse();
            byte[] empty = compress(deflater, new byte[0]);
            assertThat(deflater.holdsZlibState()).as("an empty message needs no compressor").isFalse();

            byte[] hello = compress(deflater, "hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(deflater.holdsZlibState()).isTrue();
            Collector out = new Collector();
            feed(inflater, hello, 0, hello.length, true, out);
            assertThat(inflater.holdsZlibState()).isTrue();
            assertThat(out.bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
            assertThat(empty).containsExactly(0);

        } finally {
            deflater.close();
            inflater.close();
        }
        assertThat(deflater.holdsZlibState()).isFalse();
        assertThat(inflater.holdsZlibState()).isFalse();
    }
}
