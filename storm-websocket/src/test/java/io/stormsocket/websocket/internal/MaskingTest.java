package io.stormsocket.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Masking against a byte-at-a-time reading of RFC 6455 section 5.3, on every kind of buffer. */
class MaskingTest {
    private static final int KEY = 0x9A3B_C4D5;
    private static final int[] LENGTHS = {0, 1, 3, 7, 8, 9, 125, 8191, 8192, 8193, 20_000};

    /** Octet i of the payload XOR octet (i mod 4) of the key, counting from the frame's first payload byte. */
    private static byte[] reference(byte[] data, long offset) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            int keyByte = KEY >>> (24 - 8 * (int) ((offset + i) & 3));
            out[i] = (byte) (data[i] ^ keyByte);
        }
        return out;
    }

    private static ByteBuf buffer(String kind, byte[] prefix, byte[] data) {
        return switch (kind) {
            case "heap" -> PooledByteBufAllocator.DEFAULT.heapBuffer().writeBytes(prefix).writeBytes(data);
            case "direct" -> PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(prefix).writeBytes(data);
            default -> {
                CompositeByteBuf composite = Unpooled.compositeBuffer();
                int half = data.length / 2;
                composite.addComponent(true, Unpooled.directBuffer().writeBytes(prefix).writeBytes(data, 0, half));
                composite.addComponent(true, Unpooled.buffer().writeBytes(data, half, data.length - half));
                yield composite;
            }
        };
    }

    @Test
    void maskInPlaceMatchesTheDefinitionAtEveryKeyPhase() {
        Random random = new Random(11);
        byte[] prefix = {1, 2, 3};
        for (String kind : new String[] {"heap", "direct", "composite"}) {
            for (int length : LENGTHS) {
                byte[] data = new byte[length];
                random.nextBytes(data);
                for (long offset = 0; offset < 4; offset++) {
                    ByteBuf buf = buffer(kind, prefix, data);
                    try {
                        Masking.maskInPlace(buf, prefix.length, length, KEY, offset);
                        assertThat(ByteBufUtil.getBytes(buf, prefix.length, length))
                                .as("%s, %d bytes, offset %d", kind, length, offset).isEqualTo(reference(data, offset));
                        assertThat(ByteBufUtil.getBytes(buf, 0, prefix.length)).isEqualTo(prefix);
                    } finally {
                        buf.release();
                    }
                }
            }
        }
    }

    @Test
    void copyMaskedMatchesTheDefinitionAndLeavesTheSourceAlone() {
        Random random = new Random(12);
        byte[] prefix = {9, 9};
        for (String kind : new String[] {"heap", "direct", "composite"}) {
            for (int length : LENGTHS) {
                byte[] data = new byte[length];
                random.nextBytes(data);
                ByteBuf src = buffer(kind, prefix, data);
                ByteBuf dst = PooledByteBufAllocator.DEFAULT.directBuffer(length + 1).writeByte(7);
                try {
                    Masking.copyMasked(src, prefix.length, length, dst, KEY);
                    assertThat(dst.readableBytes()).isEqualTo(length + 1);
                    assertThat(ByteBufUtil.getBytes(dst, 1, length)).as("%s, %d bytes", kind, length)
                            .isEqualTo(reference(data, 0));
                    assertThat(ByteBufUtil.getBytes(src, prefix.length, length)).isEqualTo(data);
                } finally {
                    src.release();
                    dst.release();
                }
            }
        }
    }
}
