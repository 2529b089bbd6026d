package io.stormsocket.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static boolean validWhole(byte[] bytes) {
        Utf8Validator v = new Utf8Validator();
        return v.update(bytes, 0, bytes.length) && v.isComplete();
    }

    /** Feeds one byte at a time and returns the index of the rejected byte, or -1. */
    private static int failurePosition(byte[] bytes) {
        Utf8Validator v = new Utf8Validator();
        for (int i = 0; i < bytes.length; i++) {
            if (!v.update(bytes, i, 1)) {
                return i;
            }
        }
        return -1;
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0000, 0x007F, 0x0080, 0x07FF, 0x0800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF,
            0x10000, 0x10FFFF})
    void acceptsBoundaryCodePoints(int codePoint) {
        byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        assertThat(validWhole(bytes)).isTrue();
        assertThat(failurePosition(bytes)).isEqualTo(-1);
    }

    @Test
    void acceptsEmptyInputAndAsciiRuns() {
        Utf8Validator v = new Utf8Validator();
        assertThat(v.update(new byte[0], 0, 0)).isTrue();
        assertThat(v.isComplete()).isTrue();
        byte[] ascii = "The quick brown fox jumps over the lazy dog, twice over.".getBytes(StandardCharsets.US_ASCII);
        assertThat(v.update(ascii, 0, ascii.length)).isTrue();
        assertThat(v.isComplete()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c0 80", "c1 bf",             // overlong 2-byte forms
        "e0 80 80", "e0 9f bf",       // overlong 3-byte forms
        "f0 80 80 80", "f0 8f bf bf", // overlong 4-byte forms
        "ed a0 80", "ed bf bf",       // surrogates U+D800, U+DFFF
        "f4 90 80 80", "f7 bf bf bf", // above U+10FFFF
        "80", "bf", "41 80",          // stray continuation bytes
        "f5", "f8", "fe", "ff",       // never valid
        "c2 41", "e1 80 41", "f1 80 80 41"}) // truncated sequence followed by ASCII
    void rejectsInvalidSequences(String hex) {
        assertThat(validWhole(hex(hex))).isFalse();
        assertThat(failurePosition(hex(hex))).isNotNegative();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2", "e1 80", "f0 90 80", "f4 8f bf"})
    void truncatedSequenceIsValidSoFarButNotComplete(String hex) {
        byte[] bytes = hex(hex);
        Utf8Validator v = new Utf8Validator();
        assertThat(v.update(bytes, 0, bytes.length)).isTrue();
        assertThat(v.isComplete()).isFalse();
    }

    @Test
    void failsAtTheFirstByteThatCannotBecomeValid() {
        // "κόσμε" then an encoded surrogate: the ED A0 cannot start a valid sequence.
        byte[] bytes = hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64");
        assertThat(failurePosition(bytes)).isEqualTo(12);
        assertThat(failurePosition(hex("f4 90 80 80"))).isEqualTo(1);
        assertThat(failurePosition(hex("e0 80 80"))).isEqualTo(1);
        assertThat(failurePosition(hex("f0 8f"))).isEqualTo(1);
        assertThat(failurePosition(hex("41 42 c0"))).isEqualTo(2);
        assertThat(failurePosition(hex("e1 80 c2"))).isEqualTo(2);
    }

    @Test
    void staysFailedUntilReset() {
        Utf8Validator v = new Utf8Validator();
        assertThat(v.update(hex("ff"), 0, 1)).isFalse();
        assertThat(v.update(hex("41"), 0, 1)).isFalse();
        assertThat(v.isComplete()).isFalse();
        v.reset();
        assertThat(v.update(hex("41"), 0, 1)).isTrue();
        assertThat(v.isComplete()).isTrue();
    }

    @Test
    void resetForgetsAnOpenSequence() {
        Utf8Validator v = new Utf8Validator();
        assertThat(v.update(hex("e1 80"), 0, 2)).isTrue();
        v.reset();
        assertThat(v.isComplete()).isTrue();
        assertThat(v.update(hex("41"), 0, 1)).isTrue();
    }

    @Test
    void sequencesSplitAcrossCallsAreAccepted() {
        byte[] bytes = "aé€𝄞z".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            Utf8Validator v = new Utf8Validator();
            assertThat(v.update(bytes, 0, split)).isTrue();
            assertThat(v.update(bytes, split, bytes.length - split)).isTrue();
            assertThat(v.isComplete()).as("split at %d", split).isTrue();
        }
    }

    @Test
    void asciiFastPathStopsAtTheFirstNonAsciiByte() {
        byte[] bytes = new byte[40];
        Arrays.fill(bytes, (byte) 'x');
        bytes[17] = (byte) 0xC3;
        bytes[18] = (byte) 0x28; // not a continuation byte
        assertThat(validWhole(bytes)).isFalse();
        bytes[18] = (byte) 0xA9;
        assertThat(validWhole(bytes)).isTrue();
        bytes[39] = (byte) 0xC3; // open sequence at the very end
        Utf8Validator v = new Utf8Validator();
        assertThat(v.update(bytes, 0, bytes.length)).isTrue();
        assertThat(v.isComplete()).isFalse();
    }

    @Test
    void byteBufVariantsAgreeAndDoNotMoveIndices() {
        byte[] good = "prefix-ascii-run € and more ascii after it 𝄞".getBytes(StandardCharsets.UTF_8);
        byte[] bad = hex("41 42 43 44 45 46 47 48 49 4a ed a0 80");
        for (boolean direct : new boolean[] {false, true}) {
            for (byte[] bytes : new byte[][] {good, bad}) {
                ByteBuf buf = direct
                        ? PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length + 3)
                        : PooledByteBufAllocator.DEFAULT.heapBuffer(bytes.length + 3);
                try {
                    buf.writeBytes(new byte[] {1, 2, 3}).writeBytes(bytes).skipBytes(3);
                    Utf8Validator v = new Utf8Validator();
                    boolean ok = v.update(buf, buf.readerIndex(), buf.readableBytes()) && v.isComplete();
                    assertThat(ok).isEqualTo(bytes == good);
                    assertThat(buf.readerIndex()).isEqualTo(3);
                    assertThat(buf.writerIndex()).isEqualTo(3 + bytes.length);
                } finally {
                    buf.release();
                }
            }
        }
    }

    @Test
    void directBufferSequencesSpanningCopyChunksAreJudgedWhole() {
        // A 4-byte character straddling each 8 KiB chunk boundary of the direct-buffer path.
        for (int before = 8189; before <= 8192; before++) {
            byte[] good = ("a".repeat(before) + "𝄞" + "b".repeat(9000)).getBytes(StandardCharsets.UTF_8);
            byte[] bad = good.clone();
            bad[before + 2] = 'x';
            for (byte[] bytes : new byte[][] {good, bad}) {
                ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
                try {
                    Utf8Validator v = new Utf8Validator();
                    assertThat(v.update(buf, 0, bytes.length) && v.isComplete()).as("split after %d", before)
                            .isEqualTo(bytes == good);
                } finally {
                    buf.release();
                }
            }
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomInput() {
        Random random = new Random(0x5EED);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int validSeen = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = randomBytes(random, round);
            boolean expected = jdkAccepts(decoder, bytes);
            validSeen += expected ? 1 : 0;

            assertThat(validWhole(bytes)).as("bytes %s", HexFormat.of().formatHex(bytes)).isEqualTo(expected);

            int split1 = random.nextInt(bytes.length + 1);
            int split2 = split1 + random.nextInt(bytes.length - split1 + 1);
            Utf8Validator v = new Utf8Validator();
            boolean ok = v.update(bytes, 0, split1);
            ok &= v.update(bytes, split1, split2 - split1);
            ok &= v.update(bytes, split2, bytes.length - split2);
            assertThat(ok && v.isComplete()).as("bytes %s split at %d and %d",
                    HexFormat.of().formatHex(bytes), split1, split2).isEqualTo(expected);
        }
        assertThat(validSeen).as("the generator must produce valid input too").isGreaterThan(2_000);
    }

    /** Mostly-valid text with random corruptions, or plain random bytes, or lead-byte-heavy noise. */
    private static byte[] randomBytes(Random random, int round) {
        int length = random.nextInt(40);
        switch (round % 3) {
            case 0 -> {
                StringBuilder text = new StringBuilder();
                while (text.length() < length) {
                    int cp = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(0x80);
                        case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                        case 2 -> 0x800 + random.nextInt(0xD800 - 0x800);
                        default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
                    };
                    text.appendCodePoint(cp);
                }
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                if (bytes.length > 0 && random.nextBoolean()) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                return bytes;
            }
            case 1 -> {
                byte[] bytes = new byte[length];
                random.nextBytes(bytes);
                return bytes;
            }
            default -> {
                int[] interesting = {0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                    0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
                byte[] bytes = new byte[length];
                for (int i = 0; i < length; i++) {
                    bytes[i] = (byte) interesting[random.nextInt(interesting.length)];
                }
                return bytes;
            }
        }
    }

    private static boolean jdkAccepts(CharsetDecoder decoder, byte[] bytes) {
        try {
            decoder.reset().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
