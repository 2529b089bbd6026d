package io.stormsocket.websocket.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the checker: the raw peer's restricted decoder must notice a compressor that used a
 * larger window than agreed, or the window-size cases of the suite would prove nothing.
 */
class PeerDeflateTest {

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14, 15})
    void roundTripsWithinTheWindow(int bits) {
        Random random = new Random(bits);
        try (PeerDeflate compressor = new PeerDeflate(bits, false, 15, false);
             PeerDeflate decoder = new PeerDeflate(15, false, bits, false)) {
            for (int size : CompressionTest.SIZES) {
                byte[] message = PeerDeflate.sample(random, size);
                assertThat(decoder.decompress(compressor.compress(message))).isEqualTo(message);
            }
        }
    }

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {9, 10, 11, 12, 13, 14})
    void aDecoderLimitedToASmallerWindowRejectsOrCorruptsFartherReferences(int bits) {
        byte[] message = PeerDeflate.sample(new Random(99), 32_768);
        try (PeerDeflate compressor = new PeerDeflate(15, false, 15, false);
             PeerDeflate decoder = new PeerDeflate(15, false, bits, false)) {
            byte[] compressed = compressor.compress(message);
            Throwable failure = catchThrowable(() -> assertThat(decoder.decompress(compressed)).isEqualTo(message));
            assertThat(failure).as("a %s-bit decoder fed a 15-bit stream", bits).isInstanceOf(AssertionError.class);
        }
    }

    @ParameterizedTest(name = "no context takeover, {0} bits")
    @ValueSource(ints = {9, 15})
    void aFreshDecoderRejectsOrCorruptsReferencesToThePreviousMessage(int bits) {
        Random random = new Random(7);
        byte[] first = PeerDeflate.sample(random, 2_000);
        try (PeerDeflate compressor = new PeerDeflate(bits, false, 15, false);
             PeerDeflate decoder = new PeerDeflate(15, false, bits, true)) {
            assertThat(decoder.decompress(compressor.compress(first))).isEqualTo(first);
            byte[] again = compressor.compress(first);
            Throwable failure = catchThrowable(() -> assertThat(decoder.decompress(again)).isEqualTo(first));
            assertThat(failure).isInstanceOf(AssertionError.class);
        }
    }
}
