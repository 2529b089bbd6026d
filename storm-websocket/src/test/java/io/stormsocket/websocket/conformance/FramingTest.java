package io.stormsocket.websocket.conformance;

import static io.stormsocket.websocket.conformance.RawWebSocketPeer.BINARY;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.websocket.DeflateOptions;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Autobahn category 1: text and binary frames of every length encoding, echoed exactly. */
class FramingTest {
    @RegisterExtension
    final Conformance conformance = new Conformance();

    static byte[] payload(int opcode, int length) {
        if (opcode == TEXT) {
            byte[] text = new byte[length];
            Arrays.fill(text, (byte) '*');
            return text;
        }
        return RawWebSocketPeer.randomBytes(new Random(length), length);
    }

    @ParameterizedTest(name = "opcode {0}, {1} bytes")
    @CsvSource({"1,0", "1,125", "1,126", "1,127", "1,128", "1,65535", "1,65536",
            "2,0", "2,125", "2,126", "2,127", "2,128", "2,65535", "2,65536"})
    void echoesEveryLength(int opcode, int length) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        byte[] data = payload(opcode, length);
        peer.sendFrame(opcode, data);
        assertThat(peer.readMessageFrame(opcode).payload()).isEqualTo(data);
        peer.sendCloseQuietly(1000);
        peer.expectCloseAndEnd(1000);
    }

    @ParameterizedTest(name = "opcode {0}, {1} bytes in {2}-byte chunks")
    @CsvSource({"1,0,1", "1,125,1", "1,126,1", "1,127,1", "1,128,1", "1,65535,997", "1,65536,1000",
            "2,0,1", "2,125,1", "2,126,1", "2,127,1", "2,128,1", "2,65535,997", "2,65536,1000"})
    void echoesFramesArrivingInChunks(int opcode, int length, int chunk) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        byte[] data = payload(opcode, length);
        peer.sendInChunks(peer.frame(opcode, data), chunk);
        assertThat(peer.readMessageFrame(opcode).payload()).isEqualTo(data);
    }

    @Test
    void echoesSixteenMebibyteTextAndBinary() throws Exception {
        int size = 16 * 1024 * 1024;
        StormWebSocketServer server = conformance.echoServer(ServerConfig.builder().maxPendingSendBytes(2 * size)
                .maxQueuedSendBytes(2L * size).maxPendingReceiveBytes(2 * size), WebSocketServerOptions.builder()
                .compression(DeflateOptions.disabled()).maxFrameSize(size).maxMessageSize(size).build());
        RawWebSocketPeer peer = conformance.connect(server);
        for (int opcode : new int[] {TEXT, BINARY}) {
            byte[] data = payload(opcode, size);
            peer.sendFrame(opcode, data);
            assertThat(peer.readMessageFrame(opcode).payload()).isEqualTo(data);
        }
    }

    @Test
    void messageSentOnConnectArrivesRightAfterThe101() throws Exception {
        StormWebSocketServer server = conformance.echoServer();
        server.onConnected(session -> session.send("welcome"));
        RawWebSocketPeer peer = conformance.connect(server);
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo("welcome");
        peer.sendFrame(BINARY, new byte[] {1, 2, 3});
        assertThat(peer.readMessageFrame(BINARY).payload()).containsExactly(1, 2, 3);
    }
}
