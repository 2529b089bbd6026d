package io.stormsocket.websocket.conformance;

import static io.stormsocket.websocket.conformance.RawWebSocketPeer.CLOSE;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.PING;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.TEXT;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.closeBody;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.websocket.DeflateOptions;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketServerOptions;
import io.stormsocket.websocket.WebSocketSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Autobahn category 7: the closing handshake, close codes and reasons; the server closes TCP. */
class CloseHandlingTest {
    @RegisterExtension
    final Conformance conformance = new Conformance();

    @Test
    void closeWithoutBodyIsAnsweredAndTheServerClosesTcp() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(CLOSE, new byte[0]);
        RawWebSocketPeer.Frame answer = peer.readFrame();
        assertThat(answer.opcode()).isEqualTo(CLOSE);
        assertThat(answer.closeCode()).isIn(-1, 1000);
        peer.expectTcpClosed();
    }

    @Test
    void closeWithOneByteBodyFailsWith1002() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(CLOSE, new byte[] {0x03});
        peer.expectCloseAndEnd(1002);
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
    void validCodesAreEchoed(int code) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(CLOSE, closeBody(code, utf8("bye")));
        assertThat(peer.readFrame().closeCode()).isEqualTo(code);
        peer.expectTcpClosed();
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void invalidCodesFailWith1002(int code) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(CLOSE, closeBody(code, new byte[0]));
        peer.expectCloseAndEnd(1002);
    }

    @Test
    void reasonWithInvalidUtf8FailsWith1007() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(CLOSE, closeBody(1000, HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080656469746564")));
        peer.expectCloseAndEnd(1007);
    }

    @Test
    void reasonOf123BytesIsAccepted() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(CLOSE, closeBody(1000, utf8("*".repeat(123))));
        assertThat(peer.readFrame().closeCode()).isEqualTo(1000);
        peer.expectTcpClosed();
    }

    @Test
    void closeOf126BytesFailsWith1002() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(CLOSE, closeBody(1000, utf8("*".repeat(124))));
        peer.expectCloseAndEnd(1002);
    }

    @Test
    void framesAfterCloseAreIgnored() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.send(peer.frame(TEXT, utf8("before")), peer.frame(CLOSE, closeBody(1000, new byte[0])),
                peer.frame(TEXT, utf8("after close")), peer.frame(PING, utf8("after close")));
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo("before");
        assertThat(peer.readFrame().closeCode()).isEqualTo(1000);
        peer.expectTcpClosed();
    }

    @Test
    void fragmentedMessageUnfinishedAtCloseIsDropped() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.send(peer.frame(false, 0, TEXT, utf8("frag")), peer.frame(CLOSE, closeBody(1000, new byte[0])),
                peer.frame(true, 0, RawWebSocketPeer.CONTINUATION, utf8("ment")));
        assertThat(peer.readFrame().closeCode()).isEqualTo(1000);
        peer.expectTcpClosed();
    }

    @Test
    void serverInitiatedCloseEndsAsSoonAsTheClientAnswers() throws Exception {
        StormWebSocketServer server = conformance.echoServer(WebSocketServerOptions.builder()
                .compression(DeflateOptions.disabled()).closeTimeout(Duration.ofSeconds(60)).build());
        server.onMessageReceived((session, message) -> WebSocketSession.of(session).close(4001, "done"));
        RawWebSocketPeer peer = conformance.connect(server);
        peer.sendFrame(TEXT, utf8("close me"));
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo("close me");
        RawWebSocketPeer.Frame close = peer.readFrame();
        assertThat(close.closeCode()).isEqualTo(4001);
        assertThat(new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8)).isEqualTo("done");
        peer.sendFrame(CLOSE, closeBody(4001, new byte[0]));
        // Far sooner than the 60 s close timeout: the server closes TCP once our Close arrives.
        peer.expectTcpClosed();
    }

    @Test
    void serverInitiatedCloseWithoutAnswerEndsAfterTheCloseTimeout() throws Exception {
        StormWebSocketServer server = conformance.echoServer(WebSocketServerOptions.builder()
                .compression(DeflateOptions.disabled()).closeTimeout(Duration.ofMillis(200)).build());
        server.onMessageReceived((session, message) -> WebSocketSession.of(session).close(1001, ""));
        RawWebSocketPeer peer = conformance.connect(server);
        peer.sendFrame(TEXT, utf8("x"));
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo("x");
        assertThat(peer.readFrame().closeCode()).isEqualTo(1001);
        peer.expectTcpClosed();
    }

    @Test
    void pingAfterCloseIsNotAnswered() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.send(peer.frame(CLOSE, closeBody(1000, new byte[0])), peer.frame(PING, utf8("late")));
        assertThat(peer.readFrame().closeCode()).isEqualTo(1000);
        peer.expectTcpClosed();
    }
}
