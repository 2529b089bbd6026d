package io.stormsocket.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.HandshakeException;
import io.stormsocket.core.ProtocolException;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.internal.EmbeddedSessions;
import io.stormsocket.websocket.DeflateOptions;
import io.stormsocket.websocket.StormWebSocketClient;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketClientOptions;
import io.stormsocket.websocket.WebSocketCloseStatus;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.Deflater;

/**
 * Fuzzes what a WebSocket peer reaches on a Storm server: the upgrade request parser and, after a
 * valid upgrade (with and without permessage-deflate), the frame decoder; and on a Storm client:
 * the parser and checks of the upgrade response, then the client's frame decoder. Each input runs on a
 * whole server pipeline ({@link EmbeddedSessions}) whose application echoes every message, so the
 * writer and the deflater run too.
 *
 * <p>Contract checked per input: only {@link HandshakeException} or {@link ProtocolException}
 * reaches {@code onError}; nothing escapes the pipeline; everything written is an HTTP response
 * followed, after a 101, by well-formed unmasked server frames; a Close carries 1000, 1002, 1007 or
 * 1009, or echoes the peer's code; no buffer is allocated larger than the limits justify; the
 * leak detector (PARANOID) stays quiet.
 *
 * <p>Seeds: {@code src/test/resources/io/stormsocket/websocket/internal/WebSocketFuzzTestInputs/}.
 */
class WebSocketFuzzTest {
    private static final Set<Integer> SENT_CODES = Set.of(WebSocketCloseStatus.NORMAL,
            WebSocketCloseStatus.PROTOCOL_ERROR, WebSocketCloseStatus.INVALID_PAYLOAD, WebSocketCloseStatus.TOO_BIG);
    private static final int MAX_FRAME = 2048;
    private static final int MAX_MESSAGE = 8192;

    /** Arbitrary bytes as the upgrade request (and whatever follows it), in two chunks. */
    @FuzzTest
    void handshake(byte[] input) {
        Harness harness = new Harness(true);
        int split = input.length / 2;
        harness.write(Arrays.copyOfRange(input, 0, split));
        harness.write(Arrays.copyOfRange(input, split, input.length));
        harness.finish();
    }

    /**
     * A valid upgrade, then frames. The first input byte picks deflate or not and raw or built
     * frames: raw bytes go in as they are; built frames are well-formed masked client frames whose
     * header byte, payload and mask come from the input (optionally compressed by the harness).
     */
    @FuzzTest
    void frames(FuzzedDataProvider data) {
        boolean deflate = data.consumeBoolean();
        boolean raw = data.consumeBoolean();
        Harness harness = new Harness(deflate);
        harness.write(upgradeRequest(deflate));
        assertThat(harness.connection().compressed()).isEqualTo(deflate);
        if (raw) {
            harness.write(data.consumeRemainingAsBytes());
        } else {
            while (data.remainingBytes() > 0) {
                int header = data.consumeInt(0, 255);
                boolean compress = data.consumeBoolean();
                int mask = data.consumeInt();
                byte[] payload = data.consumeBytes(data.consumeInt(0, 300));
                if (compress) {
                    payload = deflateRaw(payload);
                }
                harness.write(clientFrame(header, mask, payload));
            }
        }
        harness.finish();
    }

    /**
     * Arbitrary bytes as the server's answer to a Storm client's upgrade request (and whatever
     * follows it), in two chunks. The marker {@code ACCEPT!} in the input is replaced by the
     * correct {@code Sec-WebSocket-Accept} value for the request's key, so inputs can reach the
     * checks past it and the frames after a valid upgrade.
     */
    @FuzzTest
    void clientHandshake(byte[] input) {
        ClientHarness harness = new ClientHarness(true);
        byte[] answer = harness.withAccept(input);
        int split = answer.length / 2;
        harness.write(Arrays.copyOfRange(answer, 0, split));
        harness.write(Arrays.copyOfRange(answer, split, answer.length));
        harness.finish();
    }

    /**
     * A valid 101 (agreeing to permessage-deflate or not, as the first input byte says) to a Storm
     * client, then server frames: raw bytes, or well-formed unmasked frames whose header byte and
     * payload come from the input (optionally compressed by the harness).
     */
    @FuzzTest
    void clientFrames(FuzzedDataProvider data) {
        boolean deflate = data.consumeBoolean();
        boolean raw = data.consumeBoolean();
        ClientHarness harness = new ClientHarness(true);
        harness.write(harness.withAccept(switchingProtocols(deflate)));
        assertThat(harness.connection().compressed()).isEqualTo(deflate);
        if (raw) {
            harness.write(data.consumeRemainingAsBytes());
        } else {
            while (data.remainingBytes() > 0) {
                int header = data.consumeInt(0, 255);
                boolean compress = data.consumeBoolean();
                byte[] payload = data.consumeBytes(data.consumeInt(0, 300));
                if (compress) {
                    payload = deflateRaw(payload);
                }
                harness.write(serverFrame(header, payload));
            }
        }
        harness.finish();
    }

    /** The marker a client-side input uses for the right {@code Sec-WebSocket-Accept} value. */
    static final String ACCEPT_MARKER = "ACCEPT!";

    static byte[] switchingProtocols(boolean deflate) {
        return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + ACCEPT_MARKER + "\r\n"
                + (deflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A server frame (RFC 6455 section 5.2): header byte as given, no mask. */
    static byte[] serverFrame(int header, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(10 + payload.length);
        frame.put((byte) header);
        if (payload.length < 126) {
            frame.put((byte) payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) payload.length);
        } else {
            frame.put((byte) 127).putLong(payload.length);
        }
        frame.put(payload);
        return Arrays.copyOf(frame.array(), frame.position());
    }

    static byte[] upgradeRequest(boolean deflate) {
        return ("GET /fuzz HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (deflate ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A client frame (RFC 6455 section 5.2): header byte as given, mask bit set, payload masked. */
    static byte[] clientFrame(int header, int mask, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
        frame.put((byte) header);
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else if (payload.length <= 0xFFFF) {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        frame.putInt(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ (mask >>> (24 - 8 * (i & 3)))));
        }
        return Arrays.copyOf(frame.array(), frame.position());
    }

    /** Compresses as permessage-deflate does (RFC 7692 section 7.2.1): raw deflate, sync flush, tail cut. */
    static byte[] deflateRaw(byte[] payload) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(payload);
            byte[] out = new byte[payload.length + 64];
            int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            return Arrays.copyOf(out, Math.max(0, n - 4));
        } finally {
            deflater.end();
        }
    }

    /**
     * One connection on an {@link EmbeddedChannel}, server or client, with what its session
     * reported and every byte it wrote; {@link #finish} checks the errors and the output.
     */
    private abstract static class PeerHarness {
        final List<Throwable> errors = new ArrayList<>();
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final EmbeddedChannel channel;

        /** @param open opens the channel, reporting the session's errors into the list it is given */
        PeerHarness(Function<List<Throwable>, EmbeddedChannel> open) {
            this.channel = open.apply(errors);
            channel.config().setAllocator(new BoundedAllocator());
        }

        WebSocketConnection connection() {
            return channel.attr(WebSocketConnection.KEY).get();
        }

        void write(byte[] bytes) {
            if (channel.isOpen() && bytes.length > 0) {
                channel.writeInbound(Unpooled.wrappedBuffer(bytes));
                drainOutbound();
            }
        }

        void drainOutbound() {
            for (Object out; (out = channel.readOutbound()) != null; ) {
                assertThat(out).isInstanceOf(ByteBuf.class);
                ByteBuf buf = (ByteBuf) out;
                try {
                    byte[] bytes = new byte[buf.readableBytes()];
                    buf.readBytes(bytes);
                    written.writeBytes(bytes);
                } finally {
                    buf.release();
                }
            }
        }

        /** Checks what the connection wrote (for a client, after its request). */
        abstract void check(byte[] out);

        void finish() {
            try {
                channel.runPendingTasks();
                drainOutbound();
                assertThat(errors).allSatisfy(e -> assertThat(e).isInstanceOfAny(ProtocolException.class,
                        HandshakeException.class));
                check(written.toByteArray());
            } finally {
                channel.finishAndReleaseAll();
            }
        }
    }

    /** One connection to an echoing server. */
    private static final class Harness extends PeerHarness {
        Harness(boolean deflate) {
            super(errors -> {
                WebSocketServerOptions options = WebSocketServerOptions.builder()
                        .maxFrameSize(MAX_FRAME).maxMessageSize(MAX_MESSAGE)
                        .compression(deflate ? DeflateOptions.builder().minimumSize(0).build() : DeflateOptions.disabled())
                        .build();
                StormWebSocketServer server = StormWebSocketServer.create(ServerConfig.builder(), options);
                server.storm().onDataReceived((session, message) -> session.send(message));
                server.storm().onError((session, error) -> errors.add(error));
                return EmbeddedSessions.accept(server.storm());
            });
        }

        @Override
        void check(byte[] out) {
            checkWritten(out, connection());
        }
    }

    /** One Storm client connection, echoing every message; the key of its upgrade request is kept. */
    private static final class ClientHarness extends PeerHarness {
        private final String key;

        ClientHarness(boolean deflate) {
            super(errors -> {
                WebSocketClientOptions options = WebSocketClientOptions.builder()
                        .maxFrameSize(MAX_FRAME).maxMessageSize(MAX_MESSAGE)
                        .compression(deflate ? DeflateOptions.builder().minimumSize(0).build() : DeflateOptions.disabled())
                        .build();
                StormWebSocketClient client = StormWebSocketClient.create(URI.create("ws://localhost/fuzz"),
                        ClientConfig.builder(), options);
                client.storm().onDataReceived((session, message) -> session.send(message));
                client.storm().onError((session, error) -> errors.add(error));
                return EmbeddedSessions.connect(client.storm());
            });
            drainOutbound();
            String request = written.toString(StandardCharsets.ISO_8859_1);
            assertThat(request).startsWith("GET /fuzz HTTP/1.1\r\n");
            int at = request.toLowerCase(java.util.Locale.ROOT).indexOf("sec-websocket-key: ");
            assertThat(at).as("key in %s", request).isPositive();
            key = request.substring(at + "sec-websocket-key: ".length(), request.indexOf("\r\n", at));
            written.reset();
        }

        /** {@return the input with every accept marker replaced by the right value for this key} */
        byte[] withAccept(byte[] input) {
            String text = new String(input, StandardCharsets.ISO_8859_1);
            if (!text.contains(ACCEPT_MARKER)) {
                return input;
            }
            return text.replace(ACCEPT_MARKER, HandshakeKeys.accept(key)).getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        void check(byte[] out) {
            checkClientFrames(out, connection());
        }
    }

    /** What a client wrote after its request: well-formed masked frames, nothing after Close. */
    static void checkClientFrames(byte[] out, WebSocketConnection connection) {
        ByteBuf frames = Unpooled.wrappedBuffer(out);
        boolean closed = false;
        while (frames.isReadable()) {
            assertThat(closed).as("a frame after Close").isFalse();
            assertThat(frames.readableBytes()).isGreaterThanOrEqualTo(2);
            int b0 = frames.readUnsignedByte();
            int b1 = frames.readUnsignedByte();
            int opcode = b0 & 0x0F;
            assertThat(b0 & 0x30).as("RSV2/RSV3").isZero();
            assertThat(b1 & 0x80).as("client frames are masked").isNotZero();
            assertThat(opcode).isIn(0, 1, 2, 8, 9, 10);
            if ((b0 & 0x40) != 0) {
                assertThat(connection.compressed() && (opcode == 1 || opcode == 2)).as("RSV1 only on compressed data").isTrue();
            }
            long length = b1 & 0x7F;
            if (length == 126) {
                length = frames.readUnsignedShort();
            } else if (length == 127) {
                length = frames.readLong();
            }
            assertThat(length + 4).isLessThanOrEqualTo(frames.readableBytes());
            int mask = frames.readInt();
            byte[] payload = new byte[(int) length];
            frames.readBytes(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= (byte) (mask >>> (24 - 8 * (i & 3)));
            }
            if (opcode >= 8) {
                assertThat((b0 & 0x80) != 0).as("control frames are not fragmented").isTrue();
                assertThat(length).isLessThanOrEqualTo(125);
            }
            if (opcode == 8) {
                closed = true;
                checkClose(payload, connection);
            }
        }
    }

    /**
     * Fails any buffer allocated with a capacity no input of this size can justify: a decoder
     * that sized a buffer by a length the peer announced (before checking it against the limits)
     * trips it. Unpooled, so the leak detector tracks every buffer.
     */
    private static final class BoundedAllocator extends AbstractByteBufAllocator {
        private static final int MAX_INITIAL_CAPACITY = 4 * MAX_MESSAGE + 64 * 1024;

        BoundedAllocator() {
            super(false);
        }

        private static void check(int initialCapacity) {
            assertThat(initialCapacity).as("buffer capacity asked for").isLessThanOrEqualTo(MAX_INITIAL_CAPACITY);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            check(initialCapacity);
            return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            check(initialCapacity);
            return new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    /** An HTTP response; after a 101, server frames, each well formed. */
    static void checkWritten(byte[] out, WebSocketConnection connection) {
        if (out.length == 0) {
            return;
        }
        String text = new String(out, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("HTTP/1.1 ");
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("response head complete").isPositive();
        if (!text.startsWith("HTTP/1.1 101 ")) {
            return;
        }
        boolean compressed = connection.compressed();
        ByteBuf frames = Unpooled.wrappedBuffer(out, end + 4, out.length - end - 4);
        boolean closed = false;
        while (frames.isReadable()) {
            assertThat(closed).as("a frame after Close").isFalse();
            assertThat(frames.readableBytes()).isGreaterThanOrEqualTo(2);
            int b0 = frames.readUnsignedByte();
            int b1 = frames.readUnsignedByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            assertThat(b0 & 0x30).as("RSV2/RSV3").isZero();
            assertThat(b1 & 0x80).as("server frames are unmasked").isZero();
            assertThat(opcode).isIn(0, 1, 2, 8, 9, 10);
            if ((b0 & 0x40) != 0) {
                assertThat(compressed && (opcode == 1 || opcode == 2)).as("RSV1 only on compressed data").isTrue();
            }
            long length = b1 & 0x7F;
            if (length == 126) {
                length = frames.readUnsignedShort();
                assertThat(length).isGreaterThanOrEqualTo(126);
            } else if (length == 127) {
                length = frames.readLong();
                assertThat(length).isGreaterThan(0xFFFF);
            }
            assertThat(length).isLessThanOrEqualTo(frames.readableBytes());
            byte[] payload = new byte[(int) length];
            frames.readBytes(payload);
            if (opcode >= 8) {
                assertThat(fin).as("control frames are not fragmented").isTrue();
                assertThat(length).isLessThanOrEqualTo(125);
            }
            if (opcode == 8) {
                closed = true;
                checkClose(payload, connection);
            }
        }
    }

    private static void checkClose(byte[] payload, WebSocketConnection connection) {
        if (payload.length == 0) {
            return;
        }
        assertThat(payload.length).isGreaterThanOrEqualTo(2);
        int code = (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        int echoed = connection.peerCloseStatus().map(WebSocketCloseStatus::code).orElse(-1);
        assertThat(SENT_CODES.contains(code) || code == echoed).as("Close code " + code).isTrue();
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload, 2, payload.length - 2));
        } catch (CharacterCodingException e) {
            throw new AssertionError("Close reason is not UTF-8", e);
        }
    }
}
