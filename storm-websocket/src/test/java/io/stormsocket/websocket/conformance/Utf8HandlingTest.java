package io.stormsocket.websocket.conformance;

import static io.stormsocket.websocket.conformance.RawWebSocketPeer.CONTINUATION;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.TEXT;
import static io.stormsocket.websocket.conformance.RawWebSocketPeer.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Autobahn category 6: UTF-8 handling, including failing fast in the middle of a frame. */
class Utf8HandlingTest {
    @RegisterExtension
    final Conformance conformance = new Conformance();

    static Stream<String> validTexts() {
        return Stream.of("", "Hello-µ@ßöäüàá-UTF-8!!", "κόσμε", "\u0000", "\u0080", "\u07FF", "\u0800", "\uFFFF",
                "\uD800\uDC00", "\uDBFF\uDFFF", "\uE000", "\uFFFD", "\uFEFF", "𝄞 music", "中文 日本語 한국어");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validTexts")
    void validTextIsEchoed(String text) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(TEXT, utf8(text));
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validTexts")
    void validTextSplitIntoOneByteFragmentsIsEchoed(String text) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        byte[] bytes = utf8(text);
        if (bytes.length == 0) {
            peer.sendFrame(TEXT, bytes);
        }
        for (int i = 0; i < bytes.length; i++) {
            peer.sendFrame(i == bytes.length - 1, 0, i == 0 ? TEXT : CONTINUATION, new byte[] {bytes[i]});
        }
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validTexts")
    void validTextFrameArrivingInOneByteChunksIsEchoed(String text) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendInChunks(peer.frame(TEXT, utf8(text)), 1);
        assertThat(peer.readMessageFrame(TEXT).text()).isEqualTo(text);
    }

    static Stream<Arguments> invalidTexts() {
        return Stream.of(
                Arguments.of("stray continuation", "80"),
                Arguments.of("lone continuation in text", "48656c6c6fbf"),
                Arguments.of("overlong slash 2 bytes", "c0af"),
                Arguments.of("overlong 3 bytes", "e080af"),
                Arguments.of("overlong 4 bytes", "f08080af"),
                Arguments.of("overlong max 2 bytes", "c1bf"),
                Arguments.of("high surrogate", "eda080"),
                Arguments.of("low surrogate", "edbfbf"),
                Arguments.of("surrogate pair", "eda080edb080"),
                Arguments.of("above U+10FFFF", "f4908080"),
                Arguments.of("F5 lead", "f5808080"),
                Arguments.of("FE", "fe"),
                Arguments.of("FF", "ff"),
                Arguments.of("5-byte form", "f888808080"),
                Arguments.of("lead then ASCII", "c341"),
                Arguments.of("truncated 2 bytes at end", "48c3"),
                Arguments.of("truncated 3 bytes at end", "48e282"),
                Arguments.of("truncated 4 bytes at end", "48f09d84"),
                Arguments.of("kosme then invalid", "cebae1bdb9cf83cebcceb5eda080656469746564"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTexts")
    void invalidTextFailsWith1007(String name, String hex) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(TEXT, HexFormat.of().parseHex(hex));
        peer.expectCloseAndEnd(1007);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTexts")
    void invalidTextInOneByteFragmentsFailsWith1007(String name, String hex) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        byte[] bytes = HexFormat.of().parseHex(hex);
        try {
            for (int i = 0; i < bytes.length; i++) {
                peer.sendFrame(i == bytes.length - 1, 0, i == 0 ? TEXT : CONTINUATION, new byte[] {bytes[i]});
            }
        } catch (java.io.IOException closedEarly) {
            // The server may fail the connection before the last fragment: that is the point.
        }
        peer.expectCloseAndEnd(1007);
    }

    @ParameterizedTest(name = "invalid byte at {0}")
    @ValueSource(ints = {0, 5, 20})
    void invalidByteFailsBeforeTheRestOfTheFrameIsSent(int at) throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        byte[] text = utf8("a".repeat(100));
        text[at] = (byte) 0xF8;
        byte[] frame = peer.frame(TEXT, text);
        int headerLength = frame.length - text.length;
        int firstChunk = headerLength + at + 1;
        peer.send(java.util.Arrays.copyOf(frame, firstChunk));
        // The rest of the frame is withheld until the Close arrives.
        peer.expectCloseAndEnd(1007);
    }

    @Test
    void invalidByteInFirstFragmentFailsBeforeTheSecondIsSent() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        peer.sendFrame(false, 0, TEXT, HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080"));
        peer.expectCloseAndEnd(1007);
    }

    @Test
    void invalidByteInsideAChunkedFrameFailsBeforeTheFrameEnds() throws Exception {
        RawWebSocketPeer peer = conformance.connect(conformance.echoServer());
        byte[] text = utf8("κόσμε".repeat(20));
        text[30] = (byte) 0xC0;
        byte[] frame = peer.frame(false, 0, TEXT, text);
        peer.sendInChunks(java.util.Arrays.copyOf(frame, frame.length - text.length + 31), 7);
        peer.expectCloseAndEnd(1007);
    }
}
