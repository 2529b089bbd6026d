package io.stormsocket.websocket.conformance;

import static io.stormsocket.websocket.conformance.RawWebSocketPeer.BINARY;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.CONTINUATION;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.websocket.DeflateOptions;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Autobahn category 9, scaled down: frames and messages over the configured limits fail with 1009. */
class LimitsTest {
    private static final int MAX_FRAME = 64 * 1024;
    private static final int MAX_MESSAGE = 256 * 1024;

    @RegisterExtension
    final Conformance conformance = new Conformance();

    private StormWebSocketServer server() {
        return conformance.echoServer(WebSocketServerOptions.builder().compression(DeflateOptions.disabled())
                .maxFrameSize(MAX_FRAME).maxMessageSize(MAX_MESSAGE).build());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {MAX_FRAME + 1, 1L << 20, Integer.MAX_VALUE, Long.MAX_VALUE})
    void frameOverTheLimitFailsWith1009OnItsHeader(long length) throws Exception {
        RawWebSocketPeer peer = conformance.connect(server());
        peer.send(RawWebSocketPeer.header(true, 0, BINARY, length, true, 0x12345678));
        // Only the header was sent.
        peer.expectCloseAndEnd(1009);
    }

    @Test
    void frameAtTheLimitIsEchoed() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server());
        byte[] data = new byte[MAX_FRAME];
        peer.sendFrame(BINARY, data);
        assertThat(peer.readMessageFrame(BINARY).payload()).hasSize(MAX_FRAME);
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {TEXT, BINARY})
    void messageOverTheLimitThroughFragmentsFailsWith1009(int opcode) throws Exception {
        RawWebSocketPeer peer = conformance.connect(server());
        byte[] fragment = new byte[MAX_FRAME];
        java.util.Arrays.fill(fragment, (byte) 'x');
        peer.sendFrame(false, 0, opcode, fragment);
        for (int i = 1; i < MAX_MESSAGE / MAX_FRAME; i++) {
            peer.sendFrame(false, 0, CONTINUATION, fragment);
        }
        // One byte too many: the header of the last fragment is enough to refuse it.
        peer.send(RawWebSocketPeer.header(true, 0, CONTINUATION, 1, true, 0));
        peer.expectCloseAndEnd(1009);
    }

    @Test
    void endlessEmptyFragmentsFailWith1009() throws Exception {
        int limit = 64 * 1024;
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer(WebSocketServerOptions.builder()
                .compression(DeflateOptions.disabled()).maxFrameSize(limit).maxMessageSize(limit).build()));
        java.io.ByteArrayOutputStream fragments = new java.io.ByteArrayOutputStream();
        fragments.writeBytes(peer.frame(false, 0, BINARY, new byte[0]));
        for (int i = 1; i < 100_000; i++) {
            fragments.writeBytes(peer.frame(false, 0, CONTINUATION, new byte[0]));
        }
        peer.send(fragments.toByteArray());
        RawWebSocketPeer.Frame close = peer.expectCloseAndEnd(1009);
        assertThat(close.text()).contains("empty fragments");
    }

    @Test
    void anEmptyFinalFragmentAfterAMessageAtTheLimitIsFine() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server());
        byte[] fragment = new byte[MAX_FRAME];
        for (int i = 0; i < MAX_MESSAGE / MAX_FRAME; i++) {
            peer.sendFrame(false, 0, i == 0 ? BINARY : CONTINUATION, fragment);
        }
        peer.sendFrame(true, 0, CONTINUATION, new byte[0]);
        assertThat(peer.readMessageFrame(BINARY).payload()).hasSize(MAX_MESSAGE);
    }

    @Test
    void messageAtTheLimitThroughFragmentsIsEchoed() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server());
        byte[] fragment = new byte[MAX_FRAME];
        for (int i = 0; i < MAX_MESSAGE / MAX_FRAME; i++) {
            peer.sendFrame(i == MAX_MESSAGE / MAX_FRAME - 1, 0, i == 0 ? BINARY : CONTINUATION, fragment);
        }
        assertThat(peer.readMessageFrame(BINARY).payload()).hasSize(MAX_MESSAGE);
    }

    @Test
    void sixtyFourBitLengthWithTheTopBitSetFailsWith1002() throws Exception {
        RawWebSocketPeer peer = conformance.connect(server());
        peer.send(RawWebSocketPeer.header(true, 0, BINARY, -1L, true, 0x01020304));
        peer.expectCloseAndEnd(1002);
    }
}
