package io.stormsocket.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormResources;
import io.stormsocket.core.Transport;
import io.stormsocket.testing.Await;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code stop(grace)} with many live WebSocket sessions (issue 9): every client reads Close 1001
 * before its connection ends, the stop completes within the grace period + 2 s, the registry is
 * empty and the server's own event-loop threads are gone. Netty's leak detector (PARANOID) watches
 * every buffer. The full size (10,000 sessions, client and server in separate JVMs) is the
 * benchmarks module's {@code shutdown-bench}.
 */
class GracefulShutdownTest {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdownTest.class);
    private static final int SESSIONS = Integer.getInteger("storm.shutdown.sessions", 1_000);
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** The bound on a graceful stop: the grace period plus two seconds. */
    private static final Duration STOP_BOUND = GRACE.plusSeconds(2);
    /** Threads a server that owns its resources names its event loops after. */
    private static final String SERVER_THREADS = "storm-server";
    private static final String CLIENT_THREADS = "shutdown-test-client";
    private static final int CONNECT_BATCH = 100;

    @RegisterExtension
    final WsFixture ws = new WsFixture();

    /** What one client saw when its connection ended. */
    private record Ending(CloseReason reason, Optional<WebSocketCloseStatus> peerClose) {
    }

    @Test
    void everySessionGetsGoingAwayBeforeItsConnectionEndsAndTheServerThreadsAreGone() throws Exception {
        long serverThreadsBefore = liveThreads(SERVER_THREADS);
        StormWebSocketServer server = ws.server(WebSocketServerOptions.builder().build());
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        server.onError((session, error) -> errors.add(error));
        Await.result(server.start());
        assertThat(liveThreads(SERVER_THREADS)).isGreaterThan(serverThreadsBefore);

        StormResources shared = ws.closeAfter(StormResources.create(Transport.AUTO, 2, CLIENT_THREADS));
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
        // Each client numbers its own sessions from 1, so endings are collected, not keyed by id.
        ConcurrentLinkedQueue<Ending> endings = new ConcurrentLinkedQueue<>();
        CountDownLatch ended = new CountDownLatch(SESSIONS);
        List<StormFuture<Session>> connects = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            StormWebSocketClient client = ws.client(uri, ClientConfig.builder().resources(shared),
                    WebSocketClientOptions.builder().compression(DeflateOptions.disabled()).build());
            client.onDisconnected((session, reason) -> {
                endings.add(new Ending(reason, WebSocketSession.of(session).peerCloseStatus()));
                ended.countDown();
            });
            connects.add(client.connect());
            if (connects.size() % CONNECT_BATCH == 0) {
                connects.subList(connects.size() - CONNECT_BATCH, connects.size()).forEach(Await::result);
            }
        }
        connects.forEach(Await::result);
        Await.until("the server holds every session", () -> server.storm().sessionCount() == SESSIONS);

        long start = System.nanoTime();
        StormFuture<Void> stopped = server.storm().stop(GRACE);
        Await.result(stopped);
        long stopMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(ended.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("every client saw its end").isTrue();
        LOG.info("stop({}) with {} WebSocket sessions took {} ms", GRACE, SESSIONS, stopMs);

        assertThat(Duration.ofMillis(stopMs)).as("stop within the grace period + 2 s").isLessThanOrEqualTo(STOP_BOUND);
        assertThat(endings).hasSize(SESSIONS);
        assertThat(endings).as("Close 1001 read before the connection ended").allSatisfy(ending -> {
            assertThat(ending.peerClose()).map(WebSocketCloseStatus::code).contains(WebSocketCloseStatus.GOING_AWAY);
            assertThat(ending.reason()).isEqualTo(CloseReason.REMOTE_CLOSE);
        });
        assertThat(server.storm().sessionCount()).isZero();
        assertThat(server.storm().sessions().count()).isZero();
        assertThat(errors).isEmpty();
        Await.until("the server's event-loop threads have ended", () -> liveThreads(SERVER_THREADS) == serverThreadsBefore);
    }

    /** {@return how many live threads have a name starting with the prefix} */
    static long liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
                .count();
    }
}
