package io.stormsocket.websocket.conformance;

import static io.stormsocket.websocket.conformance.RawWebSocketPeer.BINARY;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.CLOSE;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.CONTINUATION;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.PING;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.PONG;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.TEXT;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Autobahn category 5: fragmented messages, interleaved control frames, fragmentation errors. */
class FragmentationTest {
    @RegisterExtension
    final Conformance conformance = new Conformance();

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {TEXT, BINARY})
    void fragmentedMessageIsReassembled(int opcode) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.send(peer.frame(false, 0, opcode, utf8("fragment1")), peer.frame(false, 0, CONTINUATION, utf8("fragment2")),
                peer.frame(true, 0, CONTINUATION, utf8("fragment3")));
        assertThat(peer.readMessageFrame(opcode).text()).isEqualTo("fragment1fragment2fragment3");
    }

    @ParameterizedTest(name = "chunked {0}")
    @ValueSource(booleans = {false, true})
    void pingsBetweenFragmentsAreAnsweredFirst(boolean chunked) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        byte[] all = RawWebSocketPeer.concat(peer.frame(false, 0, TEXT, utf8("fragment1")), peer.frame(PING, utf8("ping 1")),
                peer.frame(false, 0, CONTINUATION, utf8("fragment2")), peer.frame(PING, utf8("ping 2")),
                peer.frame(true, 0, CONTINUATION, utf8("fragment3")));
        if (chunked) {
            peer.sendInChunks(all, 1);
        } else {
            peer.send(all);
        }
        assertThat(peer.readMessageFrame(PONG).text()).isEqualTo("ping 1");
        assertThat(peer.readMessageFrame(PONG).text()).isEqualTo("ping 2");
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo("fragment1fragment2fragment3");
    }

    @Test
    void unsolicitedPongBetweenFragmentsIsIgnored() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.send(peer.frame(false, 0, TEXT, utf8("frag")), peer.frame(PONG, utf8("pong")),
                peer.frame(true, 0, CONTINUATION, utf8("ment")));
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo("fragment");
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {PING, CLOSE, PONG})
    void fragmentedControlFrameFailsWith1002(int opcode) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.send(peer.frame(false, 0, opcode, utf8("frag")), peer.frame(true, 0, CONTINUATION, utf8("ment")));
        peer.expectCloseAndEnd(1002);
    }

    @ParameterizedTest(name = "fin {0}")
    @ValueSource(booleans = {false, true})
    void continuationWithoutStartFailsWith1002(boolean fin) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.send(peer.frame(fin, 0, CONTINUATION, utf8("fragment")));
        peer.expectCloseAndEnd(1002);
    }

    @Test
    void continuationAfterACompleteMessageFailsWith1002() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.send(peer.frame(TEXT, utf8("complete")), peer.frame(true, 0, CONTINUATION, utf8("orphan")));
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo("complete");
        peer.expectCloseAndEnd(1002);
    }

    @ParameterizedTest(name = "second opcode {0}")
    @ValueSource(ints = {TEXT, BINARY})
    void newMessageInsideAFragmentedOneFailsWith1002(int opcode) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.send(peer.frame(false, 0, TEXT, utf8("frag")), peer.frame(true, 0, opcode, utf8("intruder")));
        peer.expectCloseAndEnd(1002);
    }

    @Test
    void tenThousandOneByteFragmentsAreReassembled() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            byte[] one = {(byte) ('a' + i % 26)};
            expected.append((char) one[0]);
            frames.writeBytes(peer.frame(i == 9_999, 0, i == 0 ? TEXT : CONTINUATION, one));
        }
        peer.send(frames.toByteArray());
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo(expected.toString());
    }

    @Test
    void manyEmptyFragmentsThenAFinalOneComplete() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        byte[] empty = peer.frame(false, 0, CONTINUATION, new byte[0]);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.writeBytes(peer.frame(false, 0, BINARY, new byte[0]));
        for (int i = 0; i < 100_000; i++) {
            frames.writeBytes(empty);
        }
        frames.writeBytes(peer.frame(true, 0, CONTINUATION, utf8("end")));
        peer.send(frames.toByteArray());
        assertThat(peer.readMessageFrame(BINARY).text()).isEqualTo("end");
        peer.sendFrame(TEXT, utf8("still fine"));
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo("still fine");
    }

    @Test
    void emptyFragmentedTextIsEchoedEmpty() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.send(peer.frame(false, 0, TEXT, new byte[0]), peer.frame(false, 0, CONTINUATION, new byte[0]),
                peer.frame(true, 0, CONTINUATION, new byte[0]));
        assertThat(peer.readMessageFrame(TEXT).payload()).isEmpty();
    }
}
