package io.stormsocket.websocket.conformance;

import static io.stormsocket.websocket.conformance.RawWebSocketPeer.BINARY;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.CONTINUATION;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.PING;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.RSV1;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.RSV2;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.TEXT;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.websocket.DeflateOptions;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Autobahn categories 12 and 13: permessage-deflate against Storm's server with every window size
 * and context-takeover combination a client can offer, checking each echo with a decoder limited
 * to what the server agreed; plus compressed-data errors.
 */
class CompressionTest {
    static final int[] SIZES = {16, 64, 256, 1024, 4096, 32768, 131072};

    @RegisterExtension
    final Conformance conformance = new Conformance();

    private StormWebSocketServer server() {
        return conformance.echoServer(WebSocketServerOptions.builder().compression(DeflateOptions.defaults()).build());
    }

    /**
     * Sends every size twice (text and binary, so context takeover is exercised), compressed by
     * {@code deflate}, and checks each echo, decoding it with {@code deflate}'s restricted inflater.
     */
    static void exchange(RawWebSocketPeer peer, PeerDeflate deflate, long seed) throws Exception {
        Random random = new Random(seed);
        int compressedEchoes = 0;
        for (int round = 0; round < 2; round++) {
            for (int size : SIZES) {
                int opcode = round == 0 ? TEXT : BINARY;
                byte[] message = PeerDeflate.sample(random, size);
                peer.sendFrame(true, RSV1, opcode, deflate.compress(message));
                RawWebSocketPeer.Frame echo = peer.readMessageFrame(opcode);
                byte[] payload = echo.payload();
                if ((echo.rsv() & RSV1) != 0) {
                    compressedEchoes++;
                    payload = deflate.decompress(payload);
                }
                assertThat(echo.rsv() & ~RSV1).as("RSV2/RSV3 of the echo").isZero();
                assertThat(payload).as("echo of %s bytes, round %s", size, round).isEqualTo(message);
            }
        }
        assertThat(compressedEchoes).as("compressed echoes").isGreaterThanOrEqualTo(2 * (SIZES.length - 1));
    }

    @ParameterizedTest(name = "server_max_window_bits={0}")
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14, 15})
    void serverCompressesWithinTheWindowTheClientAsked(int bits) throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(),
                "permessage-deflate; server_max_window_bits=" + bits + "; client_max_window_bits");
        assertThat(peer.handshakeHeaders().get("sec-websocket-extensions"))
                .startsWith("permessage-deflate").contains("server_max_window_bits=" + bits);
        try (PeerDeflate deflate = new PeerDeflate(15, false, bits, false)) {
            exchange(peer, deflate, bits);
        }
    }

    @ParameterizedTest(name = "client_max_window_bits={0}")
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14, 15})
    void serverDecodesAClientCompressingWithASmallWindow(int bits) throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "permessage-deflate; client_max_window_bits=" + bits);
        assertThat(peer.handshakeHeaders().get("sec-websocket-extensions"))
                .startsWith("permessage-deflate").contains("client_max_window_bits=" + bits);
        try (PeerDeflate deflate = new PeerDeflate(bits, false, 15, false)) {
            exchange(peer, deflate, 100 + bits);
        }
    }

    @ParameterizedTest(name = "window bits {0}")
    @ValueSource(ints = {8, 9, 12, 15})
    void bothWindowsLimitedAndNoContextTakeoverEitherWay(int bits) throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "permessage-deflate; server_no_context_takeover;"
                + " client_no_context_takeover; server_max_window_bits=" + bits + "; client_max_window_bits=" + bits);
        assertThat(peer.handshakeHeaders().get("sec-websocket-extensions")).contains("server_no_context_takeover",
                "client_no_context_takeover", "server_max_window_bits=" + bits);
        try (PeerDeflate deflate = new PeerDeflate(bits, true, bits, true)) {
            exchange(peer, deflate, 200 + bits);
        }
    }

    @Test
    void serverNoContextTakeoverIsHonoured() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "permessage-deflate; server_no_context_takeover");
        assertThat(peer.handshakeHeaders().get("sec-websocket-extensions")).contains("server_no_context_takeover");
        try (PeerDeflate deflate = new PeerDeflate(15, false, 15, true)) {
            exchange(peer, deflate, 300);
        }
    }

    @Test
    void clientNoContextTakeoverIsAccepted() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "permessage-deflate; client_no_context_takeover");
        assertThat(peer.handshakeHeaders().get("sec-websocket-extensions")).contains("client_no_context_takeover");
        try (PeerDeflate deflate = new PeerDeflate(15, true, 15, false)) {
            exchange(peer, deflate, 301);
        }
    }

    @Test
    void plainOfferWithDefaults() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "permessage-deflate");
        assertThat(peer.handshakeHeaders().get("sec-websocket-extensions")).isEqualTo("permessage-deflate");
        try (PeerDeflate deflate = PeerDeflate.standard()) {
            exchange(peer, deflate, 302);
        }
    }

    @Test
    void fragmentedCompressedMessageAndUncompressedMessagesMix() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "permessage-deflate");
        try (PeerDeflate deflate = PeerDeflate.standard()) {
            byte[] message = PeerDeflate.sample(new Random(4), 10_000);
            byte[] compressed = deflate.compress(message);
            int half = compressed.length / 2;
            peer.send(peer.frame(false, RSV1, TEXT, Arrays.copyOf(compressed, half)), peer.frame(PING, utf8("p")),
                    peer.frame(true, 0, CONTINUATION, Arrays.copyOfRange(compressed, half, compressed.length)));
            assertThat(peer.readMessageFrame(RawWebSocketPeer.PONG).text()).isEqualTo("p");
            assertThat(deflate.decompress(peer.readMessageFrame(TEXT).payload())).isEqualTo(message);
            byte[] plain = utf8("not compressed at all");
            peer.sendFrame(TEXT, plain);
            assertThat(peer.readMessageFrame(TEXT).payload()).isEqualTo(plain);
            byte[] empty = deflate.compress(new byte[0]);
            peer.sendFrame(true, RSV1, BINARY, empty);
            assertThat(peer.readMessageFrame(BINARY).payload()).isEmpty();
        }
    }

    @Test
    void invalidCompressedDataFailsWith1007() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "permessage-deflate");
        peer.sendFrame(true, RSV1, BINARY, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01, 0x02, 0x03});
        peer.expectCloseAndEnd(1007);
    }

    @Test
    void rsv1OnAContinuationFrameFailsWith1002() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "permessage-deflate");
        try (PeerDeflate deflate = PeerDeflate.standard()) {
            byte[] compressed = deflate.compress(utf8("Hello, Hello, Hello, Hello"));
            int half = compressed.length / 2;
            peer.send(peer.frame(false, RSV1, TEXT, Arrays.copyOf(compressed, half)),
                    peer.frame(true, RSV1, CONTINUATION, Arrays.copyOfRange(compressed, half, compressed.length)));
            peer.expectCloseAndEnd(1002);
        }
    }

    @ParameterizedTest(name = "rsv {0}")
    @ValueSource(ints = {RSV1, RSV2})
    void reservedBitsOnControlFramesFailWith1002EvenWithDeflate(int rsv) throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "permessage-deflate");
        peer.sendFrame(true, rsv, PING, utf8("ping"));
        peer.expectCloseAndEnd(1002);
    }

    @Test
    void rsv2OnADataFrameFailsWith1002EvenWithDeflate() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "permessage-deflate");
        peer.sendFrame(true, RSV2, TEXT, utf8("text"));
        peer.expectCloseAndEnd(1002);
    }

    @Test
    void decompressionBombFailsWith1009() throws Exception {
        int limit = 1024 * 1024;
        StormWebSocketServer server = conformance.echoServer(WebSocketServerOptions.builder()
                .compression(DeflateOptions.defaults()).maxFrameSize(limit).maxMessageSize(limit).build());
        RawWebSocketPeer peer = conformance.connect(server, "permessage-deflate");
        try (PeerDeflate deflate = PeerDeflate.standard()) {
            byte[] bomb = deflate.compress(new byte[64 * limit]);
            assertThat(bomb.length).isLessThan(limit / 8);
            peer.sendFrame(true, RSV1, BINARY, bomb);
            peer.expectCloseAndEnd(1009);
        }
    }

    @Test
    void compressedMessageJustUnderTheLimitIsEchoed() throws Exception {
        int limit = 256 * 1024;
        StormWebSocketServer server = conformance.echoServer(WebSocketServerOptions.builder()
                .compression(DeflateOptions.defaults()).maxFrameSize(limit).maxMessageSize(limit).build());
        RawWebSocketPeer peer = conformance.connect(server, "permessage-deflate");
        try (PeerDeflate deflate = PeerDeflate.standard()) {
            byte[] message = new byte[limit];
            peer.sendFrame(true, RSV1, BINARY, deflate.compress(message));
            RawWebSocketPeer.Frame echo = peer.readMessageFrame(BINARY);
            assertThat(deflate.decompress(echo.payload())).isEqualTo(message);
        }
    }

    @Test
    void invalidUtf8InACompressedFragmentedTextFailsWith1007() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "permessage-deflate");
        try (PeerDeflate deflate = PeerDeflate.standard()) {
            byte[] text = RawWebSocketPeer.concat(utf8("valid start ".repeat(20)), new byte[] {(byte) 0xED, (byte) 0xA0,
                    (byte) 0x80}, utf8(" and more"));
            byte[] compressed = deflate.compress(text);
            // Only the first fragment, which holds the whole compressed message: fail before the last.
            peer.sendFrame(false, RSV1, TEXT, compressed);
            peer.expectCloseAndEnd(1007);
        }
    }

    @Test
    void messagesEndingTheirDeflateStreamWithBfinalAreDecoded() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "permessage-deflate");
        try (PeerDeflate deflate = PeerDeflate.standard()) {
            for (int i = 0; i < 3; i++) {
                byte[] message = PeerDeflate.sample(new Random(i), 5_000);
                java.util.zip.Deflater finishing = new java.util.zip.Deflater(6, true);
                try {
                    finishing.setInput(message);
                    finishing.finish();
                    byte[] buffer = new byte[message.length + 64];
                    int n = finishing.deflate(buffer);
                    assertThat(finishing.finished()).isTrue();
                    peer.sendFrame(true, RSV1, BINARY, Arrays.copyOf(buffer, n));
                } finally {
                    finishing.end();
                }
                RawWebSocketPeer.Frame echo = peer.readMessageFrame(BINARY);
                assertThat(deflate.decompress(echo.payload())).isEqualTo(message);
            }
        }
    }

    @Test
    void invalidOfferIsDeclinedAndTheNextAlternativeAccepted() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(),
                "permessage-deflate; server_max_window_bits=7, permessage-deflate; server_max_window_bits=10");
        assertThat(peer.handshakeHeaders().get("sec-websocket-extensions")).isEqualTo(
                "permessage-deflate; server_max_window_bits=10");
        try (PeerDeflate deflate = new PeerDeflate(15, false, 10, false)) {
            exchange(peer, deflate, 400);
        }
    }

    @Test
    void unknownExtensionIsIgnoredAndTheConnectionStaysUncompressed() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "x-unknown-extension; foo=bar");
        assertThat(peer.handshakeHeaders()).doesNotContainKey("sec-websocket-extensions");
        peer.sendFrame(true, RSV1, TEXT, utf8("not allowed"));
        peer.expectCloseAndEnd(1002);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 16, 200})
    void tinyMessagesAreCompressedWhenTheMinimumSizeIsZero(int size) throws Exception {
        StormWebSocketServer server = conformance.echoServer(WebSocketServerOptions.builder()
                .compression(DeflateOptions.builder().minimumSize(0).build()).build());
        RawWebSocketPeer peer = conformance.connect(server, "permessage-deflate");
        try (PeerDeflate deflate = PeerDeflate.standard()) {
            for (int round = 0; round < 3; round++) {
                byte[] message = PeerDeflate.sample(new Random(size + round), size);
                peer.sendFrame(true, RSV1, BINARY, deflate.compress(message));
                RawWebSocketPeer.Frame echo = peer.readMessageFrame(BINARY);
                assertThat(echo.rsv()).isEqualTo(RSV1);
                assertThat(deflate.decompress(echo.payload())).isEqualTo(message);
            }
        }
    }

    @Test
    void largeMultiByteTextSurvivesInflateOutputBoundaries() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server(), "permessage-deflate");
        try (PeerDeflate deflate = PeerDeflate.standard()) {
            String text = "κόσμε 𝄞 中文 ".repeat(12_000);
            byte[] message = utf8(text);
            peer.sendFrame(true, RSV1, TEXT, deflate.compress(message));
            RawWebSocketPeer.Frame echo = peer.readMessageFrame(TEXT);
            assertThat(new String(deflate.decompress(echo.payload()), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(text);
        }
    }
}
