package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.stormsocket.core.codec.DelimiterCodec;
import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.core.codec.LengthPrefixCodec;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.Sockets;
import io.stormsocket.testing.StormExtension;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BadInputTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    @ParameterizedTest(name = "length prefix {0}")
    @ValueSource(ints = {1024 * 1024 + 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void lengthPrefixOutsideTheLimitClosesWithProtocolErrorBeforeAllocating(int announced) throws Exception {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lengthPrefix()));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            Session session = events.awaitConnected();
            byte[] bytes = java.nio.ByteBuffer.allocate(20).putInt(announced).array();
            socket.getOutputStream().write(bytes);
            Throwable error = events.awaitError();
            assertThat(error).isInstanceOf(FrameTooLongException.class);
            assertThat(((FrameTooLongException) error).announcedLength()).isEqualTo(announced);
            events.awaitDisconnected(CloseReason.PROTOCOL_ERROR);
            Sockets.assertClosedByPeer(socket);
            // At most the 20 bytes sent were ever buffered: nothing of the claimed size.
            assertThat(session.metrics().bytesIn()).isBetween(4L, 20L);
            assertThat(session.metrics().framesIn()).isZero();
        }
    }

    @Test
    void healthySessionsKeepWorkingWhileABadPeerIsClosed() throws Exception {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lengthPrefix()));
        server.onDataReceived((s, d) -> s.send(d));
        storm.start(server);
        StormClient good = storm.client(ClientConfig.builder().codec(FrameCodecs.lengthPrefix()), server);
        EventRecorder goodEvents = EventRecorder.attach(good);
        Await.result(good.connect());
        goodEvents.awaitConnected();
        try (Socket bad = new Socket("127.0.0.1", server.port())) {
            new DataOutputStream(bad.getOutputStream()).writeLong(Long.MAX_VALUE);
            Sockets.assertClosedByPeer(bad);
        }
        good.send("still fine");
        assertThat(goodEvents.awaitData().text()).isEqualTo("still fine");
    }

    @Test
    void delimiterFrameLongerThanItsLimitClosesWithProtocolError() throws Exception {
        DelimiterCodec codec = DelimiterCodec.builder().maxFrameLength(64).build();
        StormServer server = storm.server(ServerConfig.builder().codec(codec));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            events.awaitConnected();
            OutputStream out = socket.getOutputStream();
            out.write("short line\n".getBytes(StandardCharsets.UTF_8));
            out.write(new byte[65]);
            out.flush();
            assertThat(events.awaitData().text()).isEqualTo("short line");
            assertThat(events.awaitError()).isInstanceOf(FrameTooLongException.class);
            events.awaitDisconnected(CloseReason.PROTOCOL_ERROR);
            Sockets.assertClosedByPeer(socket);
        }
    }

    @Test
    void silentPeerIsClosedByTheReaderIdleTimeout() throws Exception {
        StormServer server = storm.server(ServerConfig.builder()
                .idleTimeouts(IdleTimeouts.builder().reader(Duration.ofMillis(200)).build()));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            events.awaitConnected();
            assertThat(events.await(EventRecorder.Idle.class).kind()).isEqualTo(IdleKind.READER);
            events.awaitDisconnected(CloseReason.IDLE_TIMEOUT);
            Sockets.assertClosedByPeer(socket);
        }
    }

    @Test
    void allIdleTimeoutClosesASessionWithoutTrafficEitherWay() {
        StormServer server = storm.server(ServerConfig.builder()
                .idleTimeouts(IdleTimeouts.builder().all(Duration.ofMillis(200)).build()));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder(), server);
        Await.result(client.connect());
        events.awaitConnected();
        assertThat(events.await(EventRecorder.Idle.class).kind()).isEqualTo(IdleKind.ALL);
        events.awaitDisconnected(CloseReason.IDLE_TIMEOUT);
    }

    @Test
    void readerIdleDoesNotFireWhileTheApplicationPausedReading() throws Exception {
        StormServer server = storm.server(ServerConfig.builder()
                .idleTimeouts(IdleTimeouts.builder().reader(Duration.ofMillis(100)).build()));
        java.util.concurrent.CountDownLatch idle = new java.util.concurrent.CountDownLatch(1);
        server.onIdle((s, kind) -> idle.countDown());
        server.onConnected(Session::pauseReading);
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            Session session = events.awaitConnected();
            // Five idle periods pass while reading is paused: the session must stay open.
            assertThat(idle.await(500, java.util.concurrent.TimeUnit.MILLISECONDS)).isFalse();
            assertThat(session.isOpen()).isTrue();
            session.resumeReading();
            assertThat(idle.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(events.await(EventRecorder.Idle.class).kind()).isEqualTo(IdleKind.READER);
            events.awaitDisconnected(CloseReason.IDLE_TIMEOUT);
            Sockets.assertClosedByPeer(socket);
        }
    }

    @Test
    void writerIdleRaisesAnEventWithoutClosing() {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines())
                .idleTimeouts(IdleTimeouts.builder().writer(Duration.ofMillis(100)).build()));
        server.onIdle((session, kind) -> session.send("keep-alive"));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        EventRecorder clientEvents = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();
        clientEvents.awaitConnected();
        assertThat(clientEvents.awaitData().text()).isEqualTo("keep-alive");
        assertThat(clientEvents.awaitData().text()).isEqualTo("keep-alive");
        assertThat(events.await(EventRecorder.Idle.class).kind()).isEqualTo(IdleKind.WRITER);
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void peerResettingMidFrameEndsTheSessionAndReleasesThePartialFrame() throws Exception {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lengthPrefix()));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        Socket socket = new Socket("127.0.0.1", server.port());
        Session session = events.awaitConnected();
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(1000);
        out.write(new byte[500]);
        out.flush();
        Await.until("the partial frame arrived", () -> session.metrics().bytesIn() == 504);
        socket.setSoLinger(true, 0);
        socket.close();
        EventRecorder.Event event = events.next();
        if (event instanceof EventRecorder.Error error) {
            assertThat(error.error()).isInstanceOf(IOException.class);
            event = events.next();
        }
        assertThat(event).isInstanceOf(EventRecorder.Disconnected.class);
        assertThat(((EventRecorder.Disconnected) event).reason()).isEqualTo(CloseReason.REMOTE_CLOSE);
        assertThat(session.metrics().framesIn()).isZero();
    }

    @Test
    void codecThatThrowsReportsTheErrorClosesTheSessionAndSparesTheServer() throws Exception {
        StormServer server = storm.server(ServerConfig.builder().codec(new FussyCodec()));
        server.onDataReceived((s, d) -> s.send(d));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        try (Socket bad = new Socket("127.0.0.1", server.port())) {
            events.awaitConnected();
            bad.getOutputStream().write('!');
            Throwable error = events.awaitError();
            assertThat(error).isInstanceOf(ProtocolException.class).hasMessageContaining("FussyCodec");
            assertThat(error.getCause()).hasMessage("bang is not allowed");
            events.awaitDisconnected(CloseReason.PROTOCOL_ERROR);
        }
        try (Socket good = new Socket("127.0.0.1", server.port())) {
            events.awaitConnected();
            good.getOutputStream().write('a');
            assertThat(good.getInputStream().read()).isEqualTo('a');
        }
    }

    @Test
    void sendingAFrameThatTheHeaderCannotRepresentFailsTheSend() {
        StormServer server = storm.server(ServerConfig.builder()
                .codec(LengthPrefixCodec.builder().lengthFieldBytes(1).build()));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder()
                .codec(LengthPrefixCodec.builder().lengthFieldBytes(1).build()), server);
        Await.result(client.connect());
        events.awaitConnected();
        assertThat(Await.failure(client.send(new byte[256]))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Await.result(client.send(new byte[255]))).isEqualTo(SendResult.WRITTEN);
        assertThat(events.awaitData().bytes()).hasSize(255);
    }

    /** Accepts any byte but '!', one byte per frame. */
    private static final class FussyCodec implements FrameCodec<ByteBuf> {
        @Override
        public Class<ByteBuf> frameType() {
            return ByteBuf.class;
        }

        @Override
        public void decode(ByteBuf in, Consumer<? super ByteBuf> out) {
            while (in.isReadable()) {
                if (in.getByte(in.readerIndex()) == '!') {
                    throw new IllegalArgumentException("bang is not allowed");
                }
                out.accept(in.readRetainedSlice(1));
            }
        }

        @Override
        public ByteBuf encode(ByteBuf frame, ByteBufAllocator alloc) {
            return frame;
        }

        @Override
        public String toString() {
            return "FussyCodec";
        }
    }
}
