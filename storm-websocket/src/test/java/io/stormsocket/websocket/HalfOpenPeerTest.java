package io.stormsocket.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Session;
import io.stormsocket.testing.Await;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Half-open WebSocket peers (issue 9): a client whose side is gone without a FIN or a reset,
 * simulated by a raw socket that exchanges one message and then neither sends, reads nor closes.
 * The server's heartbeat finds each one (no pong after {@code maxMissedPongs} pings) and closes it
 * with {@link CloseReason#HEARTBEAT_TIMEOUT}, within the idle timeout ({@code interval ×
 * maxMissedPongs}) plus one interval; the registry shrinks back to the healthy Storm clients, which
 * answer pings and stay. Only the test's deadlines are asserted; the detection time is logged.
 */
class HalfOpenPeerTest {
    private static final Logger LOG = LoggerFactory.getLogger(HalfOpenPeerTest.class);
    private static final Duration INTERVAL = Duration.ofMillis(200);
    /** Healthy peers get slack for a loaded machine: a pong may be late by a few intervals. */
    private static final int MAX_MISSED_PONGS = 3;
    private static final int HEALTHY = 3;
    private static final int HALF_OPEN = 5;

    @RegisterExtension
    final WsFixture ws = new WsFixture();

    @Test
    void halfOpenPeersAreDroppedByTheHeartbeatAndLeaveTheRegistry() throws Exception {
        StormWebSocketServer server = ws.server(WebSocketServerOptions.builder()
                .heartbeat(Heartbeat.every(INTERVAL, MAX_MISSED_PONGS)).build());
        server.onMessageReceived((session, message) -> session.sendFrame(message.retain()));
        Map<Session, CloseReason> closed = new ConcurrentHashMap<>();
        Map<Session, Long> closedAt = new ConcurrentHashMap<>();
        server.onDisconnected((session, reason) -> {
            closedAt.put(session, System.nanoTime());
            closed.put(session, reason);
        });
        Await.result(server.start());

        for (int i = 0; i < HEALTHY; i++) {
            StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.builder()
                    .compression(DeflateOptions.disabled()).build());
            Await.result(client.connect());
        }
        // Each half-open peer's local port (its session's remote port), and when it fell silent.
        Map<Integer, Long> silentSince = new ConcurrentHashMap<>();
        for (int i = 0; i < HALF_OPEN; i++) {
            RawWebSocket peer = ws.closeAfter(RawWebSocket.open(server.port(), "/", 0));
            peer.write(RawWebSocket.TEXT, "last words".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame echo = peer.read();
            while (echo.opcode() == RawWebSocket.PING) {
                echo = peer.read();
            }
            assertThat(new String(echo.payload(), StandardCharsets.UTF_8)).isEqualTo("last words");
            // From here on the peer neither sends nor reads, and never closes: its side is "gone".
            silentSince.put(peer.socket().getLocalPort(), System.nanoTime());
        }
        Await.until("the server opened every session", () -> server.storm().sessionCount() == HEALTHY + HALF_OPEN);

        Await.until("every half-open peer was dropped", () -> closed.size() == HALF_OPEN, Await.TIMEOUT.multipliedBy(2));
        long slowestMs = 0;
        for (Map.Entry<Session, CloseReason> entry : closed.entrySet()) {
            int port = ((InetSocketAddress) entry.getKey().remoteAddress()).getPort();
            assertThat(silentSince).as("only half-open peers were dropped").containsKey(port);
            assertThat(entry.getValue()).isEqualTo(CloseReason.HEARTBEAT_TIMEOUT);
            slowestMs = Math.max(slowestMs, Duration.ofNanos(closedAt.get(entry.getKey()) - silentSince.get(port)).toMillis());
        }
        Duration idleTimeout = INTERVAL.multipliedBy(MAX_MISSED_PONGS);
        LOG.info("{} half-open WebSocket peers dropped; slowest {} ms after it fell silent (idle timeout {} ms"
                + " + one interval {} ms = {} ms)", HALF_OPEN, slowestMs, idleTimeout.toMillis(), INTERVAL.toMillis(),
                idleTimeout.plus(INTERVAL).toMillis());
        Await.until("the registry holds only the healthy sessions", () -> server.storm().sessions().count() == HEALTHY);
        assertThat(server.storm().sessions().all()).allMatch(Session::isOpen);
    }
}
