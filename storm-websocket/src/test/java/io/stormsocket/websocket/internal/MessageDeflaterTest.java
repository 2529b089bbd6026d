package io.stormsocket.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageDeflaterTest {
    private static final ByteBufAllocator POOLED_DIRECT = new PooledByteBufAllocator(true);
    private static final ByteBufAllocator UNPOOLED_HEAP = new UnpooledByteBufAllocator(false);
    private static final int[] SIZES = {0, 1, 100, 10_000, 200_000};

    static List<Arguments> windowsAndTakeover() {
        List<Arguments> args = new ArrayList<>();
        for (int bits = 8; bits <= 15; bits++) {
            args.add(Arguments.of(bits, false));
            args.add(Arguments.of(bits, true));
        }
        return args;
    }

    /** Text that compresses well but has no period, so a wrong back-reference changes the output. */
    static byte[] text(Random random, int size) {
        String[] words = {"storm", "socket", "deflate", "window", "message", "the", "a", "frame", "netty",
            "compress", "inflate", "handshake", "server", "client", "payload", "éclair", "€uro", "𝄞"};
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append(words[random.nextInt(words.length)]).append(random.nextInt(10) == 0 ? ".\n" : " ");
        }
        byte[] utf8 = sb.toString().getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(utf8, size);
    }

    static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] deflateToArray(MessageDeflater deflater, byte[] message, ByteBufAllocator alloc) {
        ByteBuf payload = alloc.buffer(message.length).writeBytes(message);
        try {
            ByteBuf compressed = deflater.deflate(payload, alloc);
            try {
                assertThat(payload.readerIndex()).isZero();
                assertThat(payload.readableBytes()).isEqualTo(message.length);
                return ByteBufUtil.getBytes(compressed);
            } finally {
                compressed.release();
            }
        } finally {
            payload.release();
        }
    }

    static byte[] inflateToArray(MessageInflater inflater, byte[] compressed, ByteBufAllocator alloc) {
        ByteBuf chunk = alloc.buffer(compressed.length).writeBytes(compressed);
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        try {
            inflater.inflate(chunk, true, alloc, piece -> {
                try {
                    assertThat(piece.readableBytes()).isBetween(1, MessageInflater.MAX_PIECE);
                    result.writeBytes(ByteBufUtil.getBytes(piece));
                } finally {
                    piece.release();
                }
            });
        } finally {
            chunk.release();
        }
        return result.toByteArray();
    }

    @ParameterizedTest(name = "windowBits={0}, noContextTakeover={1}")
    @MethodSource("windowsAndTakeover")
    void roundTripsStayWithinTheAgreedWindow(int bits, boolean noContextTakeover) {
        Random random = new Random(bits * 31L + (noContextTakeover ? 1 : 0));
        ByteBufAllocator alloc = bits % 2 == 0 ? POOLED_DIRECT : UNPOOLED_HEAP;
        try (MessageDeflater deflater = new MessageDeflater(bits, noContextTakeover, 6);
             MessageInflater inflater = new MessageInflater(1 << 20);
             RestrictedWindowInflater restricted = new RestrictedWindowInflater(bits)) {
            for (int size : SIZES) {
                for (byte[] message : List.of(text(random, size), randomBytes(random, size))) {
                    byte[] compressed = deflateToArray(deflater, message, alloc);
                    assertThat(inflateToArray(inflater, compressed, alloc))
                            .as("our inflater, %d bytes", size).isEqualTo(message);
                    assertThat(restricted.inflateMessage(compressed))
                            .as("decoder with a %d-byte window, %d bytes", 1 << bits, size).isEqualTo(message);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 12, 15})
    void compressesText(int bits) {
        byte[] message = text(new Random(7), 50_000);
        try (MessageDeflater deflater = new MessageDeflater(bits, false, 6)) {
            assertThat(deflateToArray(deflater, message, POOLED_DIRECT).length).isLessThan(message.length * 3 / 4);
        }
    }

    @Test
    void restrictedDecoderCatchesReferencesBeyondItsWindow() {
        // Proves the window check above can fail: a 32 KiB-window stream full of distant repeats,
        // decoded with a 512-byte window.
        Random random = new Random(3);
        byte[] block = text(random, 4_000);
        byte[] message = new byte[40_000];
        for (int i = 0; i < message.length; i += block.length) {
            System.arraycopy(block, 0, message, i, Math.min(block.length, message.length - i));
        }
        try (MessageDeflater deflater = new MessageDeflater(15, false, 6);
             RestrictedWindowInflater restricted = new RestrictedWindowInflater(9)) {
            byte[] compressed = deflateToArray(deflater, message, UNPOOLED_HEAP);
            byte[] decoded;
            try {
                decoded = restricted.inflateMessage(compressed);
            } catch (IllegalStateException e) {
                return; // rejected outright: also a detection
            }
            assertThat(decoded).isNotEqualTo(message);
        }
    }

    @Test
    void emptyMessageIsASingleZeroByte() {
        for (int bits : new int[] {8, 10, 15}) {
            try (MessageDeflater deflater = new MessageDeflater(bits, false, 6);
                 MessageInflater inflater = new MessageInflater(1000)) {
                assertThat(deflateToArray(deflater, new byte[0], POOLED_DIRECT)).containsExactly(0);
                byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
                byte[] compressed = deflateToArray(deflater, hello, POOLED_DIRECT);
                assertThat(inflateToArray(inflater, new byte[] {0}, POOLED_DIRECT)).isEmpty();
                assertThat(inflateToArray(inflater, compressed, POOLED_DIRECT)).isEqualTo(hello);
                assertThat(inflateToArray(inflater, new byte[] {0}, POOLED_DIRECT)).isEmpty();
                assertThat(deflateToArray(deflater, new byte[0], POOLED_DIRECT)).containsExactly(0);
                byte[] again = deflateToArray(deflater, hello, POOLED_DIRECT);
                assertThat(inflateToArray(inflater, again, POOLED_DIRECT)).isEqualTo(hello);
            }
        }
    }

    @Test
    void outputHasTheSyncFlushTailRemoved() {
        try (MessageDeflater deflater = new MessageDeflater(15, false, 6)) {
            byte[] compressed = deflateToArray(deflater, "Hello".getBytes(StandardCharsets.US_ASCII), UNPOOLED_HEAP);
            // RFC 7692 §7.2.3.1: "Hello" in one compressed block.
            assertThat(compressed).containsExactly(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);
        }
    }

    @Test
    void contextTakeoverShrinksRepeatsAndNoContextTakeoverDoesNot() {
        byte[] message = text(new Random(11), 2_000);
        try (MessageDeflater shared = new MessageDeflater(15, false, 6);
             MessageDeflater fresh = new MessageDeflater(15, true, 6);
             MessageDeflater fresh12 = new MessageDeflater(12, true, 6)) {
            byte[] first = deflateToArray(shared, message, POOLED_DIRECT);
            byte[] second = deflateToArray(shared, message, POOLED_DIRECT);
            assertThat(second.length).isLessThan(first.length / 4);

            assertThat(deflateToArray(fresh, message, POOLED_DIRECT))
                    .isEqualTo(deflateToArray(fresh, message, POOLED_DIRECT));
            assertThat(deflateToArray(fresh12, message, POOLED_DIRECT))
                    .isEqualTo(deflateToArray(fresh12, message, POOLED_DIRECT));
        }
    }

    @Test
    void noContextTakeoverMessagesDecodeIndependently() {
        Random random = new Random(5);
        for (int bits : new int[] {8, 11, 15}) {
            try (MessageDeflater deflater = new MessageDeflater(bits, true, 6)) {
                byte[] a = text(random, 5_000);
                byte[] b = text(random, 5_000);
                deflateToArray(deflater, a, POOLED_DIRECT);
                byte[] compressedB = deflateToArray(deflater, b, POOLED_DIRECT);
                try (MessageInflater newcomer = new MessageInflater(1 << 20)) {
                    assertThat(inflateToArray(newcomer, compressedB, POOLED_DIRECT)).isEqualTo(b);
                }
            }
        }
    }

    @Test
    void compositeAndOffsetPayloadsAreReadWithoutBeingMoved() {
        byte[] message = text(new Random(9), 30_000);
        for (int bits : new int[] {8, 10, 15}) {
            CompositeByteBuf composite = POOLED_DIRECT.compositeBuffer();
            composite.addComponent(true, POOLED_DIRECT.buffer().writeBytes(new byte[] {9, 9, 9}));
            composite.addComponent(true, POOLED_DIRECT.directBuffer().writeBytes(message, 0, 10_000));
            composite.addComponent(true, UNPOOLED_HEAP.heapBuffer().writeBytes(message, 10_000, 20_000));
            composite.skipBytes(3);
            try (MessageDeflater deflater = new MessageDeflater(bits, false, 6);
                 MessageInflater inflater = new MessageInflater(1 << 20)) {
                ByteBuf compressed = deflater.deflate(composite, POOLED_DIRECT);
                try {
                    assertThat(composite.readerIndex()).isEqualTo(3);
                    assertThat(composite.refCnt()).isEqualTo(1);
                    assertThat(inflateToArray(inflater, ByteBufUtil.getBytes(compressed), POOLED_DIRECT))
                            .isEqualTo(message);
                } finally {
                    compressed.release();
                }
            } finally {
                composite.release();
            }
        }
    }

    @Test
    void everyLevelRoundTrips() {
        byte[] message = text(new Random(13), 20_000);
        for (int level = 1; level <= 9; level++) {
            try (MessageDeflater deflater = new MessageDeflater(10, false, level);
                 MessageInflater inflater = new MessageInflater(1 << 20)) {
                assertThat(inflateToArray(inflater, deflateToArray(deflater, message, UNPOOLED_HEAP), UNPOOLED_HEAP))
                        .isEqualTo(message);
            }
        }
    }

    @Test
    void rejectsInvalidArgumentsAndUseAfterClose() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageDeflater(7, false, 6));
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageDeflater(16, false, 6));
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageDeflater(15, false, 0));
        MessageDeflater deflater = new MessageDeflater(12, false, 6);
        deflater.close();
        deflater.close();
        ByteBuf payload = POOLED_DIRECT.buffer().writeByte(1);
        try {
            assertThatIllegalStateException().isThrownBy(() -> deflater.deflate(payload, POOLED_DIRECT))
                    .withMessageContaining("closed");
        } finally {
            payload.release();
        }
    }

    @Test
    void failedAllocationLeavesNothingBehindAndBreaksTheDeflater() {
        // An allocator whose buffers cannot grow: compressing random data needs more room than allowed.
        ByteBufAllocator tiny = new AbstractByteBufAllocator(false) {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                return new UnpooledHeapByteBuf(this, initialCapacity, initialCapacity);
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                return new UnpooledDirectByteBuf(this, initialCapacity, initialCapacity);
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        };
        byte[] message = randomBytes(new Random(1), 10_000);
        try (MessageDeflater deflater = new MessageDeflater(11, false, 6)) {
            ByteBuf payload = POOLED_DIRECT.buffer().writeBytes(message);
            try {
                assertThatThrownBy(() -> deflater.deflate(payload, tiny)).isInstanceOf(IndexOutOfBoundsException.class);
                assertThatIllegalStateException().isThrownBy(() -> deflater.deflate(payload, POOLED_DIRECT))
                        .withMessageContaining("failed earlier");
            } finally {
                payload.release();
            }
        }
    }

    @Test
    void jdkAndOurDeflaterAgreeOnTheFormat() {
        // A stream made by the JDK with its own sync flushes decodes through our inflater.
        byte[] message = text(new Random(17), 3_000);
        Deflater jdk = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try (MessageInflater inflater = new MessageInflater(1 << 20)) {
            jdk.setInput(message);
            byte[] out = new byte[10_000];
            int n = jdk.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            byte[] compressed = java.util.Arrays.copyOf(out, n - 4);
            assertThat(inflateToArray(inflater, compressed, POOLED_DIRECT)).isEqualTo(message);
        } finally {
            jdk.end();
        }
    }
}
