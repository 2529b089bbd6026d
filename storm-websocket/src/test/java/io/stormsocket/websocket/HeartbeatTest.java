package io.stormsocket.websocket;

import static io.stormsocket.websocket.WsFixture.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Session;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.Sockets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keep-alive pings on either side: healthy peers stay connected across many intervals, silent ones
 * are dropped with {@link CloseReason#HEARTBEAT_TIMEOUT}, and with automatic pongs off the
 * application sees pings and answers them itself. No timing is asserted: "stays connected" is
 * checked by counting pings that kept arriving, "dropped" by waiting for the close.
 */
class HeartbeatTest {
    private static final Duration INTERVAL = Duration.ofMillis(200);
    /** Peers that answer get slack for a loaded machine; the peer that never answers meets 2. */
    private static final int HEALTHY_MISSES = 3;

    @RegisterExtension
    final WsFixture ws = new WsFixture();

    private StormWebSocketServer server(Heartbeat heartbeat, boolean autoPong, BlockingQueue<CloseReason> disconnects) {
        StormWebSocketServer server = ws.server(WebSocketServerOptions.builder().heartbeat(heartbeat).autoPong(autoPong)
                .build());
        server.onDisconnected((session, reason) -> disconnects.add(reason));
        return server;
    }

    @Test
    void rawPeerAnsweringPingsStaysConnectedAcrossManyIntervals() throws Exception {
        BlockingQueue<CloseReason> disconnects = new LinkedBlockingQueue<>();
        StormWebSocketServer server = server(Heartbeat.every(INTERVAL, HEALTHY_MISSES), true, disconnects);
        Await.result(server.start());

        try (RawWebSocket peer = RawWebSocket.open(server.port(), "/", 0)) {
            int pings = 0;
            while (pings < 8) {
                RawWebSocket.Frame frame = peer.read();
                assertThat(frame.opcode()).isEqualTo(RawWebSocket.PING);
                pings++;
                peer.write(RawWebSocket.PONG, frame.payload());
            }
            Session session = server.storm().sessions().all().iterator().next();
            assertThat(session.isOpen()).isTrue();
            assertThat(disconnects).isEmpty();
        }
    }

    @Test
    void stormClientWithAutomaticPongsStaysConnected() {
        BlockingQueue<CloseReason> disconnects = new LinkedBlockingQueue<>();
        StormWebSocketServer server = server(Heartbeat.every(INTERVAL, HEALTHY_MISSES), true, disconnects);
        BlockingQueue<Session> opened = new LinkedBlockingQueue<>();
        server.onConnected(opened::add);
        Await.result(server.start());
        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.builder()
                .compression(DeflateOptions.disabled()).build());
        Await.result(client.connect());
        Session serverSide = take(opened);

        // Each pong is 14 bytes (a masked 8-byte payload); nothing else flows. Six pongs span more
        // than the missed-pong limit several times over.
        long start = serverSide.metrics().bytesIn();
        Await.until("six pongs reached the server", () -> serverSide.metrics().bytesIn() - start >= 6 * 14);
        assertThat(serverSide.isOpen()).isTrue();
        assertThat(client.storm().isConnected()).isTrue();
        assertThat(disconnects).isEmpty();
    }

    @Test
    void pingsReachTheApplicationWhenAutoPongIsOffAndItsPongsCount() throws Exception {
        BlockingQueue<CloseReason> serverDisconnects = new LinkedBlockingQueue<>();
        StormWebSocketServer server = server(Heartbeat.every(INTERVAL, HEALTHY_MISSES), true, serverDisconnects);
        Await.result(server.start());
        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.builder().autoPong(false).build());
        CountDownLatch answered = new CountDownLatch(6);
        AtomicBoolean answering = new AtomicBoolean(true);
        AtomicInteger otherMessages = new AtomicInteger();
        client.onMessageReceived((session, message) -> {
            if (message.type() != WebSocketMessage.Type.PING) {
                otherMessages.incrementAndGet();
            } else if (answering.get()) {
                WebSocketSession.of(session).pong(message.bytes());
                answered.countDown();
            }
        });
        BlockingQueue<CloseReason> clientDisconnects = WsFixture.disconnects(client);
        Await.result(client.connect());

        assertThat(answered.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(serverDisconnects).as("answered by the application, the heartbeat is satisfied").isEmpty();
        assertThat(client.storm().isConnected()).isTrue();

        // Now the application ignores pings: the server gives up on it.
        answering.set(false);
        assertThat(take(serverDisconnects)).isEqualTo(CloseReason.HEARTBEAT_TIMEOUT);
        take(clientDisconnects);
        assertThat(otherMessages).hasValue(0);
    }

    @Test
    void peerThatNeverReadsIsDroppedWithHeartbeatTimeout() throws Exception {
        BlockingQueue<CloseReason> disconnects = new LinkedBlockingQueue<>();
        StormWebSocketServer server = server(Heartbeat.every(INTERVAL, 2), true, disconnects);
        Await.result(server.start());

        try (RawWebSocket silent = RawWebSocket.open(server.port(), "/", 0)) {
            assertThat(take(disconnects)).isEqualTo(CloseReason.HEARTBEAT_TIMEOUT);
            // Now read what queued up: the unanswered pings, then Close 1001 saying why, then the end.
            RawWebSocket.Frame frame = silent.read();
            while (frame.opcode() == RawWebSocket.PING) {
                frame = silent.read();
            }
            assertThat(frame.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(((frame.payload()[0] & 0xFF) << 8) | (frame.payload()[1] & 0xFF))
                    .isEqualTo(WebSocketCloseStatus.GOING_AWAY);
            assertThat(new String(frame.payload(), 2, frame.payload().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("heartbeat timeout");
            Sockets.assertClosedByPeer(silent.socket());
        }
        assertThat(server.storm().sessionCount()).isZero();
    }

    @Test
    void clientHeartbeatKeepsAnAnsweringServerAndDropsASilentOne() {
        BlockingQueue<CloseReason> serverDisconnects = new LinkedBlockingQueue<>();
        // The server answers pings itself, so the test can make it fall silent.
        StormWebSocketServer server = server(Heartbeat.disabled(), false, serverDisconnects);
        CountDownLatch answered = new CountDownLatch(6);
        AtomicBoolean answering = new AtomicBoolean(true);
        server.onMessageReceived((session, message) -> {
            if (message.type() == WebSocketMessage.Type.PING && answering.get()) {
                WebSocketSession.of(session).pong(message.bytes());
                answered.countDown();
            }
        });
        Await.result(server.start());
        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.builder()
                .heartbeat(Heartbeat.every(INTERVAL, HEALTHY_MISSES)).build());
        BlockingQueue<CloseReason> clientDisconnects = WsFixture.disconnects(client);
        Await.result(client.connect());

        try {
            assertThat(answered.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(clientDisconnects).isEmpty();
        assertThat(client.storm().isConnected()).isTrue();

        answering.set(false);
        assertThat(take(clientDisconnects)).isEqualTo(CloseReason.HEARTBEAT_TIMEOUT);
        take(serverDisconnects);
    }
}
