package io.stormsocket.websocket.conformance;

import static io.stormsocket.websocket.conformance.RawWebSocketPeer.BINARY;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.CLOSE;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.CONTINUATION;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.PING;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.PONG;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.TEXT;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.closeBody;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.Session;
import io.stormsocket.testing.Await;
import io.stormsocket.websocket.DeflateOptions;
import io.stormsocket.websocket.WebSocketClientOptions;
import io.stormsocket.websocket.WebSocketCloseStatus;
import io.stormsocket.websocket.WebSocketHandshakeException;
import io.stormsocket.websocket.WebSocketSession;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's side of the conformance suite: Storm's client (echoing every message) against the
 * raw server peer, which fuzzes frames and handshake responses.
 */
class ClientConformanceTest {
    private static final WebSocketClientOptions PLAIN = WebSocketClientOptions.builder()
            .compression(DeflateOptions.disabled()).build();
    private static final WebSocketClientOptions DEFLATE = WebSocketClientOptions.builder()
            .compression(DeflateOptions.defaults()).build();

    @RegisterExtension
    final Conformance conformance = new Conformance();

    private Conformance.Connected connect(WebSocketClientOptions options, String... responseHeaders) throws Exception {
        RawWebSocketPeer.Listener listener = conformance.listener();
        Conformance.Connected connected = conformance.connectClient(listener, options, l -> l.accept(responseHeaders));
        Await.result(connected.future());
        return connected;
    }

    /** After a failure the client sent its Close and the raw server answered: the session must end. */
    private static void expectClientEnds(Conformance.Connected connected) {
        Session session = Await.result(connected.future());
        Await.result(session.closeFuture());
    }

    @Test
    void echoesAndMasksEveryFrameWithFreshKeys() throws Exception {
        Conformance.Connected c = connect(PLAIN);
        RawWebSocketPeer server = c.peer();
        Set<Integer> keys = new HashSet<>();
        Random random = new Random(1);
        for (int i = 0; i < 10; i++) {
            int opcode = i % 2 == 0 ? TEXT : BINARY;
            byte[] data = opcode == TEXT ? utf8("message " + i) : RawWebSocketPeer.randomBytes(random, 200 + i);
            server.sendFrame(opcode, data);
            RawWebSocketPeer.Frame echo = server.readMessageFrame(opcode);
            assertThat(echo.masked()).isTrue();
            assertThat(echo.payload()).isEqualTo(data);
            keys.add(echo.maskKey());
        }
        assertThat(keys).as("masking keys of 10 frames").hasSize(10);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125, 126, 65535, 65536, 1_000_000})
    void echoesEveryLengthEncoding(int length) throws Exception {
        RawWebSocketPeer server = connect(PLAIN).peer();
        byte[] data = RawWebSocketPeer.randomBytes(new Random(length), length);
        server.sendFrame(BINARY, data);
        assertThat(server.readMessageFrame(BINARY).payload()).isEqualTo(data);
    }

    @Test
    void fragmentedMessageWithPingInBetweenIsReassembled() throws Exception {
        RawWebSocketPeer server = connect(PLAIN).peer();
        server.send(server.frame(false, 0, TEXT, utf8("frag")), server.frame(PING, utf8("ping")),
                server.frame(true, 0, CONTINUATION, utf8("ment")));
        RawWebSocketPeer.Frame pong = server.readMessageFrame(PONG);
        assertThat(pong.masked()).isTrue();
        assertThat(pong.text()).isEqualTo("ping");
        assertThat(server.readMessageFrame(TEXT).text()).isEqualTo("fragment");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 10, 125})
    void pingIsAnsweredWithAMaskedPongOfTheSamePayload(int length) throws Exception {
        RawWebSocketPeer server = connect(PLAIN).peer();
        byte[] data = RawWebSocketPeer.randomBytes(new Random(length), length);
        server.sendFrame(PING, data);
        RawWebSocketPeer.Frame pong = server.readMessageFrame(PONG);
        assertThat(pong.masked()).isTrue();
        assertThat(pong.payload()).isEqualTo(data);
    }

    @Test
    void maskedServerFrameFailsWith1002() throws Exception {
        Conformance.Connected c = connect(PLAIN);
        c.peer().send(c.peer().frame(true, 0, TEXT, utf8("masked"), true));
        assertThat(c.peer().expectCloseAndEnd(1002).masked()).isTrue();
        expectClientEnds(c);
    }

    @ParameterizedTest(name = "rsv {0}, opcode {1}")
    @CsvSource({"4,1", "2,1", "1,2", "4,9", "0,3", "0,7", "0,11", "0,15"})
    void reservedBitsAndOpcodesFailWith1002(int rsv, int opcode) throws Exception {
        Conformance.Connected c = connect(PLAIN);
        c.peer().sendFrame(true, rsv, opcode, utf8("reserved"));
        c.peer().expectCloseAndEnd(1002);
        expectClientEnds(c);
    }

    @Test
    void fragmentedPingFailsWith1002() throws Exception {
        Conformance.Connected c = connect(PLAIN);
        c.peer().sendFrame(false, 0, PING, utf8("ping"));
        c.peer().expectCloseAndEnd(1002);
        expectClientEnds(c);
    }

    @ParameterizedTest(name = "fragmented {0}")
    @ValueSource(booleans = {false, true})
    void invalidUtf8FailsWith1007(boolean fragmented) throws Exception {
        Conformance.Connected c = connect(PLAIN);
        byte[] bad = HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080656469746564");
        if (fragmented) {
            // Only the first fragment: the client must fail before the message ends.
            c.peer().sendFrame(false, 0, TEXT, java.util.Arrays.copyOf(bad, 14));
        } else {
            c.peer().sendFrame(TEXT, bad);
        }
        c.peer().expectCloseAndEnd(1007);
        expectClientEnds(c);
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {1000, 1001, 4000})
    void closeFromTheServerIsEchoed(int code) throws Exception {
        Conformance.Connected c = connect(PLAIN);
        c.peer().sendFrame(CLOSE, closeBody(code, utf8("server says bye")));
        RawWebSocketPeer.Frame echo = c.peer().readFrame();
        assertThat(echo.opcode()).isEqualTo(CLOSE);
        assertThat(echo.masked()).isTrue();
        assertThat(echo.closeCode()).isEqualTo(code);
        c.peer().close(); // the server closes TCP first (RFC 6455 section 7.1.1)
        Session session = Await.result(c.future());
        Await.result(session.closeFuture());
        assertThat(WebSocketSession.of(session).peerCloseStatus())
                .contains(new WebSocketCloseStatus(code, "server says bye"));
    }

    @Test
    void closeWithoutBodyFromTheServerIsAnswered() throws Exception {
        Conformance.Connected c = connect(PLAIN);
        c.peer().sendFrame(CLOSE, new byte[0]);
        RawWebSocketPeer.Frame echo = c.peer().readFrame();
        assertThat(echo.opcode()).isEqualTo(CLOSE);
        assertThat(echo.closeCode()).isIn(-1, 1000);
    }

    @Test
    void invalidCloseCodeFromTheServerFailsWith1002() throws Exception {
        Conformance.Connected c = connect(PLAIN);
        c.peer().sendFrame(CLOSE, closeBody(1005, new byte[0]));
        c.peer().expectCloseAndEnd(1002);
        expectClientEnds(c);
    }

    // ---------------------------------------------------------------- handshake

    static Stream<Arguments> badHandshakeResponses() {
        String ok = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
        return Stream.of(
                Arguments.of("wrong accept", ok + "Sec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"),
                Arguments.of("missing Upgrade", "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: {accept}\r\n\r\n"),
                Arguments.of("missing Connection", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        + "Sec-WebSocket-Accept: {accept}\r\n\r\n"),
                Arguments.of("unoffered subprotocol", ok + "Sec-WebSocket-Accept: {accept}\r\n"
                        + "Sec-WebSocket-Protocol: chat\r\n\r\n"),
                Arguments.of("unoffered extension", ok + "Sec-WebSocket-Accept: {accept}\r\n"
                        + "Sec-WebSocket-Extensions: x-webkit-deflate-frame\r\n\r\n"),
                Arguments.of("deflate when not offered", ok + "Sec-WebSocket-Accept: {accept}\r\n"
                        + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n"),
                Arguments.of("status 200", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHandshakeResponses")
    void badHandshakeResponseFailsTheConnect(String name, String response) throws Exception {
        RawWebSocketPeer.Listener listener = conformance.listener();
        Conformance.Connected c = conformance.connectClient(listener, PLAIN,
                l -> l.accept(key -> response.replace("{accept}", RawWebSocketPeer.acceptValue(key))));
        Throwable failure = Await.failure(c.future());
        assertThat(failure).as(name).satisfiesAnyOf(
                f -> assertThat(f).isInstanceOf(WebSocketHandshakeException.class),
                f -> assertThat(f).hasRootCauseInstanceOf(WebSocketHandshakeException.class),
                f -> assertThat(f.getCause()).isInstanceOf(WebSocketHandshakeException.class));
    }

    @Test
    void unknownExtensionWhenDeflateWasOfferedFailsTheConnect() throws Exception {
        RawWebSocketPeer.Listener listener = conformance.listener();
        Conformance.Connected c = conformance.connectClient(listener, DEFLATE,
                l -> l.accept("Sec-WebSocket-Extensions: x-unknown"));
        assertThat(Await.failure(c.future())).satisfiesAnyOf(
                f -> assertThat(f).isInstanceOf(WebSocketHandshakeException.class),
                f -> assertThat(f).hasRootCauseInstanceOf(WebSocketHandshakeException.class),
                f -> assertThat(f.getCause()).isInstanceOf(WebSocketHandshakeException.class));
    }

    // ---------------------------------------------------------------- permessage-deflate

    @ParameterizedTest(name = "server_max_window_bits={0}")
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14, 15})
    void decodesServerMessagesCompressedWithEveryWindow(int bits) throws Exception {
        Conformance.Connected c = connect(DEFLATE, "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=" + bits);
        assertThat(c.peer().handshakeHeaders().get("sec-websocket-extensions")).startsWith("permessage-deflate");
        try (PeerDeflate deflate = new PeerDeflate(bits, false, 15, false)) {
            CompressionTest.exchange(c.peer(), deflate, bits);
        }
    }

    @ParameterizedTest(name = "client_max_window_bits={0}")
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14, 15})
    void compressesWithinTheWindowTheServerAsked(int bits) throws Exception {
        Conformance.Connected c = connect(DEFLATE, "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=" + bits);
        assertThat(c.peer().handshakeHeaders().get("sec-websocket-extensions")).contains("client_max_window_bits");
        try (PeerDeflate deflate = new PeerDeflate(15, false, bits, false)) {
            CompressionTest.exchange(c.peer(), deflate, 50 + bits);
        }
    }

    @Test
    void honoursClientNoContextTakeoverFromTheServer() throws Exception {
        Conformance.Connected c = connect(DEFLATE, "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover");
        try (PeerDeflate deflate = new PeerDeflate(15, false, 15, true)) {
            CompressionTest.exchange(c.peer(), deflate, 70);
        }
    }

    @Test
    void decodesAServerWithoutContextTakeover() throws Exception {
        Conformance.Connected c = connect(DEFLATE, "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover");
        try (PeerDeflate deflate = new PeerDeflate(15, true, 15, false)) {
            CompressionTest.exchange(c.peer(), deflate, 71);
        }
    }

    @Test
    void invalidCompressedDataFromTheServerFailsWith1007() throws Exception {
        Conformance.Connected c = connect(DEFLATE, "Sec-WebSocket-Extensions: permessage-deflate");
        c.peer().sendFrame(true, RawWebSocketPeer.RSV1, BINARY, new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2});
        c.peer().expectCloseAndEnd(1007);
        expectClientEnds(c);
    }

    @Test
    void frameOverTheClientsLimitFailsWith1009() throws Exception {
        Conformance.Connected c = connect(WebSocketClientOptions.builder().compression(DeflateOptions.disabled())
                .maxFrameSize(1024).maxMessageSize(4096).build());
        c.peer().send(RawWebSocketPeer.header(true, 0, BINARY, 1025, false, 0));
        c.peer().expectCloseAndEnd(1009);
        expectClientEnds(c);
    }

    @Test
    void textFromTheServerInOneByteChunksIsEchoed() throws Exception {
        RawWebSocketPeer server = connect(PLAIN).peer();
        String text = "Hello-µ@ßöäüàá-UTF-8!! κόσμε 𝄞";
        server.sendInChunks(server.frame(TEXT, utf8(text)), 1);
        assertThat(server.readMessageFrame(TEXT).text()).isEqualTo(text);
    }

    @Test
    void clientInitiatedCloseCompletesWhenTheServerAnswersAndCloses() throws Exception {
        Conformance.Connected c = connect(WebSocketClientOptions.builder().compression(DeflateOptions.disabled())
                .closeTimeout(java.time.Duration.ofSeconds(60)).build());
        Session session = Await.result(c.future());
        var closed = WebSocketSession.of(session).close(4002, "client done");
        RawWebSocketPeer.Frame close = c.peer().readFrame();
        assertThat(close.masked()).isTrue();
        assertThat(close.closeCode()).isEqualTo(4002);
        c.peer().sendFrame(CLOSE, closeBody(4002, new byte[0]));
        c.peer().close();
        Await.result(closed);
        assertThat(WebSocketSession.of(session).peerCloseStatus()).contains(WebSocketCloseStatus.of(4002));
    }

    @Test
    void clientClosesTcpAfterItsCloseTimeoutWhenTheServerLingers() throws Exception {
        Conformance.Connected c = connect(WebSocketClientOptions.builder().compression(DeflateOptions.disabled())
                .closeTimeout(java.time.Duration.ofMillis(200)).build());
        c.peer().sendFrame(CLOSE, closeBody(1000, new byte[0]));
        assertThat(c.peer().readFrame().closeCode()).isEqualTo(1000);
        // The raw server keeps TCP open; the client gives up waiting after its close timeout.
        c.peer().expectTcpClosed();
        expectClientEnds(c);
    }

    @Test
    void closeReasonWithInvalidUtf8FromTheServerFailsWith1007() throws Exception {
        Conformance.Connected c = connect(PLAIN);
        c.peer().sendFrame(CLOSE, closeBody(1000, new byte[] {(byte) 0xC0, (byte) 0xAF}));
        c.peer().expectCloseAndEnd(1007);
        expectClientEnds(c);
    }

    @Test
    void handshakeHeadersAreMatchedCaseInsensitivelyAndAsTokenLists() throws Exception {
        RawWebSocketPeer.Listener listener = conformance.listener();
        Conformance.Connected c = conformance.connectClient(listener, PLAIN, l -> l.accept(key ->
                "HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\nconnection: keep-alive, upgrade\r\n"
                        + "sec-websocket-accept: " + RawWebSocketPeer.acceptValue(key) + "\r\n\r\n"));
        Await.result(c.future());
        c.peer().sendFrame(TEXT, utf8("hello"));
        assertThat(c.peer().readMessageFrame(TEXT).text()).isEqualTo("hello");
    }

    @Test
    void framesSentInTheSamePacketAsThe101AreNotLost() throws Exception {
        RawWebSocketPeer.Listener listener = conformance.listener();
        byte[] greeting = RawWebSocketPeer.header(true, 0, TEXT, 7, false, 0);
        Conformance.Connected c = conformance.connectClient(listener, PLAIN, l -> l.accept(key ->
                RawWebSocketPeer.switchingProtocols(RawWebSocketPeer.acceptValue(key)) + "\r\n"
                        + new String(greeting, java.nio.charset.StandardCharsets.ISO_8859_1) + "welcome"));
        Await.result(c.future());
        assertThat(c.peer().readMessageFrame(TEXT).text()).isEqualTo("welcome");
    }

    @Test
    void decompressionBombFromTheServerFailsWith1009() throws Exception {
        Conformance.Connected c = connect(WebSocketClientOptions.builder().compression(DeflateOptions.defaults())
                .maxFrameSize(256 * 1024).maxMessageSize(256 * 1024).build(), "Sec-WebSocket-Extensions: permessage-deflate");
        try (PeerDeflate deflate = PeerDeflate.standard()) {
            c.peer().sendFrame(true, RawWebSocketPeer.RSV1, BINARY, deflate.compress(new byte[16 * 1024 * 1024]));
        }
        c.peer().expectCloseAndEnd(1009);
        expectClientEnds(c);
    }

    @Test
    void rsv1OnAContinuationFromTheServerFailsWith1002() throws Exception {
        Conformance.Connected c = connect(DEFLATE, "Sec-WebSocket-Extensions: permessage-deflate");
        try (PeerDeflate deflate = PeerDeflate.standard()) {
            byte[] compressed = deflate.compress(utf8("Hello, Hello, Hello, Hello"));
            int half = compressed.length / 2;
            c.peer().send(c.peer().frame(false, RawWebSocketPeer.RSV1, TEXT, java.util.Arrays.copyOf(compressed, half)),
                    c.peer().frame(true, RawWebSocketPeer.RSV1, CONTINUATION,
                            java.util.Arrays.copyOfRange(compressed, half, compressed.length)));
        }
        c.peer().expectCloseAndEnd(1002);
        expectClientEnds(c);
    }

    @Test
    void fragmentedCompressedMessageFromTheServerIsDecoded() throws Exception {
        Conformance.Connected c = connect(DEFLATE, "Sec-WebSocket-Extensions: permessage-deflate");
        try (PeerDeflate deflate = PeerDeflate.standard()) {
            byte[] message = PeerDeflate.sample(new Random(5), 20_000);
            byte[] compressed = deflate.compress(message);
            int third = compressed.length / 3;
            c.peer().send(c.peer().frame(false, RawWebSocketPeer.RSV1, BINARY, java.util.Arrays.copyOf(compressed, third)),
                    c.peer().frame(false, 0, CONTINUATION, java.util.Arrays.copyOfRange(compressed, third, 2 * third)),
                    c.peer().frame(true, 0, CONTINUATION, java.util.Arrays.copyOfRange(compressed, 2 * third,
                            compressed.length)));
            RawWebSocketPeer.Frame echo = c.peer().readMessageFrame(BINARY);
            assertThat(echo.rsv()).isEqualTo(RawWebSocketPeer.RSV1);
            assertThat(deflate.decompress(echo.payload())).isEqualTo(message);
        }
    }
}
