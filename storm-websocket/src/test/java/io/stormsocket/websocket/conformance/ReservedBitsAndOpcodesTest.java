package io.stormsocket.websocket.conformance;

import static io.stormsocket.websocket.conformance.RawWebSocketPeer.PING;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.TEXT;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.CloseReason;
import io.stormsocket.websocket.StormWebSocketServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Autobahn categories 3 and 4: reserved bits without a negotiated extension and reserved opcodes
 * fail the connection with 1002; a valid message sent just before is still echoed first.
 */
class ReservedBitsAndOpcodesTest {
    @RegisterExtension
    final Conformance conformance = new Conformance();

    @ParameterizedTest(name = "rsv {0} on opcode {1}")
    @CsvSource({"4,1", "2,1", "1,1", "6,1", "7,1", "4,2", "2,2", "1,2", "5,2", "4,9", "2,9", "1,9", "4,8", "2,8",
            "1,8", "3,10"})
    void reservedBitsFailWith1002AfterEchoingWhatCameBefore(int rsv, int opcode) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        byte[] body = opcode == 8 ? RawWebSocketPeer.closeBody(1000, new byte[0]) : utf8("bad");
        peer.send(peer.frame(TEXT, utf8("Hello")), peer.frame(true, rsv, opcode, body), peer.frame(PING, new byte[0]));
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo("Hello");
        peer.expectCloseAndEnd(1002);
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void reservedOpcodesFailWith1002(int opcode) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.send(peer.frame(TEXT, utf8("Hello")), peer.frame(opcode, utf8("reserved")),
                peer.frame(PING, new byte[0]));
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo("Hello");
        peer.expectCloseAndEnd(1002);
    }

    @ParameterizedTest(name = "opcode {0} alone")
    @ValueSource(ints = {3, 7, 0xB, 0xF})
    void reservedOpcodeAsFirstFrameFailsWith1002(int opcode) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(opcode, new byte[0]);
        peer.expectCloseAndEnd(1002);
    }

    /**
     * Autobahn 4.1.5 without the timing luck: frames the peer sends after the failure are read and
     * dropped rather than answered with a reset, which could destroy the echo and the Close still
     * in the peer's receive buffer. The server sends Close, ends its output, and closes once the
     * peer has closed too; it reads everything the peer sent until then.
     */
    @Test
    void failedConnectionDrainsWhatThePeerSendsAfterwardsInsteadOfResetting() throws Exception {
        StormWebSocketServer server = conformance.echoServer();
        CompletableFuture<Long> bytesReadAtClose = new CompletableFuture<>();
        CompletableFuture<CloseReason> reason = new CompletableFuture<>();
        server.onDisconnected((session, why) -> {
            bytesReadAtClose.complete(session.metrics().bytesIn());
            reason.complete(why);
        });
        RawWebSocketPeer peer = conformance.connect(server);
        peer.send(peer.frame(TEXT, utf8("Hello")), peer.frame(7, utf8("reserved")));
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo("Hello");
        assertThat(peer.readFrame().closeCode()).isEqualTo(1002);
        assertThat(peer.readByte())
                .as("the server ends its output after Close").isEqualTo(-1);

        int lateBytes = 256 * 1024;
        peer.send(peer.frame(RawWebSocketPeer.BINARY, new byte[lateBytes]));
        peer.shutdownOutput();

        assertThat(bytesReadAtClose.get(10, TimeUnit.SECONDS)).as("bytes read before the server closed")
                .isGreaterThan(lateBytes);
        assertThat(reason.get(10, TimeUnit.SECONDS)).isEqualTo(CloseReason.PROTOCOL_ERROR);
    }
}
