package io.stormsocket.websocket.conformance;

import static io.stormsocket.websocket.conformance.RawWebSocketPeer.PING;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.PONG;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.TEXT;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Autobahn category 2: pings are answered with identical pongs; unsolicited pongs are ignored. */
class PingPongTest {
    @RegisterExtension
    final Conformance conformance = new Conformance();

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 10, 125})
    void pingIsAnsweredWithTheSamePayload(int length) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        byte[] data = RawWebSocketPeer.randomBytes(new Random(length), length);
        peer.sendFrame(PING, data);
        assertThat(peer.readMessageFrame(PONG).payload()).isEqualTo(data);
    }

    @Test
    void pingWithTextPayloadIsAnswered() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(PING, utf8("Hello, world!"));
        assertThat(peer.readMessageFrame(PONG).text()).isEqualTo("Hello, world!");
    }

    @Test
    void pingOf126BytesFailsTheConnection() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(PING, new byte[126]);
        peer.expectCloseAndEnd(1002);
    }

    @Test
    void unsolicitedPongsAreIgnored() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(PONG, new byte[0]);
        peer.sendFrame(PONG, utf8("unsolicited pong payload"));
        peer.sendFrame(PING, utf8("ping payload"));
        assertThat(peer.readMessageFrame(PONG).text()).isEqualTo("ping payload");
    }

    @Test
    void tenPingsGetTenPongsInOrder() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        for (int i = 0; i < 10; i++) {
            peer.sendFrame(PING, utf8("ping " + i));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(peer.readMessageFrame(PONG).text()).isEqualTo("ping " + i);
        }
    }

    @Test
    void pingInOneByteChunksIsAnswered() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        byte[] data = RawWebSocketPeer.randomBytes(new Random(3), 125);
        peer.sendInChunks(peer.frame(PING, data), 1);
        assertThat(peer.readMessageFrame(PONG).payload()).isEqualTo(data);
        peer.sendFrame(TEXT, utf8("after"));
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo("after");
    }
}
