package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SessionEventsTest {
    private static final SessionKey<String> USER = SessionKey.of("user", String.class);

    @RegisterExtension
    final StormExtension storm = new StormExtension();

    private StormServer linesServer() {
        return storm.server(ServerConfig.builder().codec(FrameCodecs.lines()));
    }

    private StormClient linesClient(StormServer server) {
        return storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
    }

    @Test
    void eventsArriveInOrderConnectedDataDisconnected() {
        StormServer server = linesServer();
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = linesClient(server);
        Await.result(client.connect());

        Session session = events.awaitConnected();
        client.send("one");
        client.send("two");
        assertThat(events.awaitData().text()).isEqualTo("one");
        assertThat(events.awaitData().text()).isEqualTo("two");
        Await.result(client.disconnect());
        EventRecorder.Disconnected disconnected = events.awaitDisconnected(CloseReason.REMOTE_CLOSE);
        assertThat(disconnected.session()).isSameAs(session);
        assertThat(session.state()).isEqualTo(SessionState.CLOSED);
        assertThat(session.closeReason()).contains(CloseReason.REMOTE_CLOSE);
        assertThat(Await.result(session.closeFuture())).isEqualTo(CloseReason.REMOTE_CLOSE);
        events.assertNoMoreEvents();
    }

    @Test
    void everySubscriberRunsInRegistrationOrderAndUnsubscribeStopsDelivery() {
        StormServer server = linesServer();
        List<String> calls = new CopyOnWriteArrayList<>();
        Subscription first = server.onDataReceived((s, d) -> calls.add("first:" + d.text()));
        server.onDataReceived((s, d) -> calls.add("second:" + d.text()));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = linesClient(server);
        Await.result(client.connect());
        events.awaitConnected();

        client.send("a");
        events.awaitData();
        first.close();
        first.close();
        client.send("b");
        events.awaitData();
        assertThat(calls).containsExactly("first:a", "second:a", "second:b");
    }

    @Test
    void throwingHandlerIsReportedAndNeitherOtherHandlersNorTheConnectionSuffer() {
        StormServer server = linesServer();
        IllegalStateException boom = new IllegalStateException("handler bug");
        server.onDataReceived((s, d) -> {
            throw boom;
        });
        server.onDataReceived((s, d) -> s.send("still here: " + d.text()));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = linesClient(server);
        EventRecorder clientEvents = EventRecorder.attach(client);
        Await.result(client.connect());
        clientEvents.awaitConnected();
        events.awaitConnected();

        client.send("x");
        assertThat(events.awaitError()).isSameAs(boom);
        events.awaitData();
        assertThat(clientEvents.awaitData().text()).isEqualTo("still here: x");
        client.send("y");
        assertThat(events.awaitError()).isSameAs(boom);
        assertThat(clientEvents.awaitData().text()).isEqualTo("still here: y");
    }

    @Test
    void localCloseFlushesQueuedDataAndReportsLocalClose() throws Exception {
        StormServer server = linesServer();
        server.onConnected(session -> {
            session.send("bye");
            session.close();
        });
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("bye\n");
        }
        events.awaitConnected();
        events.awaitDisconnected(CloseReason.LOCAL_CLOSE);
    }

    @Test
    void abortResetsTheConnectionAndReportsAborted() throws Exception {
        StormServer server = linesServer();
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            Session session = events.awaitConnected();
            assertThat(Await.result(session.abort())).isEqualTo(CloseReason.ABORTED);
            events.awaitDisconnected(CloseReason.ABORTED);
            assertThatThrownBy(() -> socket.getInputStream().read())
                    .isInstanceOf(java.net.SocketException.class);
        }
    }

    @Test
    void sendOnAClosedSessionFailsItsFutureWithoutLeaking() {
        StormServer server = linesServer();
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = linesClient(server);
        Await.result(client.connect());
        Session session = events.awaitConnected();
        Await.result(session.close());

        ByteBuf buffer = Unpooled.directBuffer().writeBytes(new byte[] {1, 2, 3});
        assertThat(Await.failure(session.send(buffer))).isInstanceOf(SessionClosedException.class);
        assertThat(buffer.refCnt()).isZero();
        assertThat(Await.failure(session.send("text"))).isInstanceOf(SessionClosedException.class)
                .hasMessageContaining("session " + session.id());
        assertThat(Await.failure(session.sendFrame(Unpooled.buffer(1).writeByte(1))))
                .isInstanceOf(SessionClosedException.class);
    }

    @Test
    void clientSendWhileDisconnectedFailsFast() {
        StormServer server = storm.start(linesServer());
        StormClient client = linesClient(server);
        assertThat(client.isConnected()).isFalse();
        assertThat(Await.failure(client.send("nobody listens"))).isInstanceOf(SessionClosedException.class)
                .hasMessageContaining("not connected");
    }

    @Test
    void sessionExposesIdsAddressesAttributesAndMetrics() {
        StormServer server = linesServer();
        server.onConnected(session -> session.attribute(USER, "alice"));
        server.onDataReceived((session, data) -> session.send(session.attribute(USER).orElse("?") + ":" + data.text()));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);

        StormClient first = linesClient(server);
        StormClient second = linesClient(server);
        EventRecorder firstEvents = EventRecorder.attach(first);
        Session clientSession = Await.result(first.connect());
        Session a = events.awaitConnected();
        Await.result(second.connect());
        Session b = events.awaitConnected();
        assertThat(b.id()).isGreaterThan(a.id());
        assertThat(a.remoteAddress()).isEqualTo(clientSession.localAddress());
        assertThat(((InetSocketAddress) a.localAddress()).getPort()).isEqualTo(server.port());
        assertThat(server.sessionCount()).isEqualTo(2);

        first.send("hi");
        firstEvents.awaitConnected();
        assertThat(firstEvents.awaitData().text()).isEqualTo("alice:hi");
        events.awaitData();
        assertThat(a.metrics().framesIn()).isEqualTo(1);
        assertThat(a.metrics().bytesIn()).isEqualTo(3);
        Await.until("the reply is counted", () -> a.metrics().framesOut() == 1);
        assertThat(a.metrics().bytesOut()).isEqualTo("alice:hi\n".length());
        assertThat(a.metrics().uptime()).isPositive();
        assertThat(a.metrics().connectedAt()).isBeforeOrEqualTo(java.time.Instant.now());
        assertThat(a.removeAttribute(USER)).contains("alice");
        assertThat(a.attribute(USER)).isEmpty();
    }

    @Test
    void queuedWritesLeaveOnFlushAsOneBatch() {
        StormServer server = linesServer();
        server.onDataReceived((session, data) -> {
            for (int i = 0; i < 3; i++) {
                session.queue("line " + i);
            }
            session.queue("bytes".getBytes(StandardCharsets.UTF_8));
            session.queue(Unpooled.copiedBuffer("buf", StandardCharsets.UTF_8));
            session.queueFrame(Unpooled.copiedBuffer("frame", StandardCharsets.UTF_8));
            session.flush();
        });
        storm.start(server);
        StormClient client = linesClient(server);
        EventRecorder events = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();
        client.send("go");
        for (String expected : List.of("line 0", "line 1", "line 2", "bytes", "buf", "frame")) {
            assertThat(events.awaitData().text()).isEqualTo(expected);
        }
    }

    @Test
    void repliesSentWhileAReadBatchIsDispatchedShareOneFlush() throws Exception {
        StormServer server = linesServer();
        java.util.concurrent.atomic.AtomicInteger flushes = new java.util.concurrent.atomic.AtomicInteger();
        server.onConnected(session -> session.channel().pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(io.netty.channel.ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
            }
        }));
        server.onDataReceived((session, data) -> session.send(data));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            events.awaitConnected();
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                batch.append("line ").append(i).append('\n');
            }
            byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(bytes);
            assertThat(socket.getInputStream().readNBytes(bytes.length)).isEqualTo(bytes);
        }
        // One flush per read batch, not one per echoed line; the 100 lines arrive in a few reads at most.
        assertThat(flushes.get()).isBetween(1, 10);
    }

    @Test
    void everySendFormIsFramedByTheCodec() {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lengthPrefix()));
        server.onDataReceived((session, data) -> {
            session.send("text");
            session.send("bytes".getBytes(StandardCharsets.UTF_8));
            ByteBuffer nio = ByteBuffer.wrap("xxnio".getBytes(StandardCharsets.UTF_8));
            nio.position(2);
            session.send(nio);
            assertThat(nio.position()).isEqualTo(2);
            session.send(Unpooled.copiedBuffer("netty", StandardCharsets.UTF_8));
            session.send(data);
        });
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lengthPrefix()), server);
        EventRecorder events = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();
        client.send("echo");
        for (String expected : List.of("text", "bytes", "nio", "netty", "echo")) {
            assertThat(events.awaitData().text()).isEqualTo(expected);
        }
    }

    @Test
    void pausedReadingHoldsDataUntilResumed() throws Exception {
        StormServer server = linesServer();
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = linesClient(server);
        Await.result(client.connect());
        Session session = events.awaitConnected();
        session.pauseReading();
        // A round trip through the event loop guarantees the pause is in effect before data is sent.
        Await.result(session.channel().eventLoop().submit(() -> null));
        client.send("held");
        Await.result(client.session().orElseThrow().channel().eventLoop().submit(() -> null));
        assertThat(events.drain()).isEmpty();
        session.resumeReading();
        assertThat(events.awaitData().text()).isEqualTo("held");
    }

    @Test
    void pausedAcceptingQueuesConnectionsUntilResumed() throws Exception {
        StormServer server = linesServer();
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        server.pauseAccepting();
        assertThat(server.isAccepting()).isFalse();
        StormClient client = linesClient(server);
        CountDownLatch connected = new CountDownLatch(1);
        client.connect().thenRun(connected::countDown);
        // The OS completes the TCP handshake from its backlog; Storm has not accepted the session.
        assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(server.sessionCount()).isZero();
        assertThat(events.drain()).isEmpty();
        server.resumeAccepting();
        events.awaitConnected();
        assertThat(server.sessionCount()).isEqualTo(1);
    }

    @Test
    void stoppingTheServerClosesSessionsWithReasonShutdown() {
        StormServer server = linesServer();
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = linesClient(server);
        EventRecorder clientEvents = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();
        clientEvents.awaitConnected();
        Await.result(server.stop());
        events.awaitDisconnected(CloseReason.SHUTDOWN);
        clientEvents.awaitDisconnected(CloseReason.REMOTE_CLOSE);
        assertThat(Await.failure(server.start())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void startFailsClearlyWhenThePortIsTaken() {
        StormServer first = storm.start(linesServer());
        StormServer second = storm.server(ServerConfig.builder().endpoint(Endpoint.tcp("127.0.0.1", first.port())));
        assertThat(Await.failure(second.start())).isInstanceOf(StormException.class)
                .hasMessageContaining("could not bind");
    }

    @Test
    void connectToAClosedPortFailsWithConnectFailedException() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        StormClient client = storm.client(ClientConfig.builder().endpoint("127.0.0.1", port));
        assertThat(Await.failure(client.connect())).isInstanceOf(ConnectFailedException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }
}
