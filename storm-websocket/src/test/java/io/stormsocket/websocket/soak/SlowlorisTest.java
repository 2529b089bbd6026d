package io.stormsocket.websocket.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.Sockets;
import io.stormsocket.websocket.StormWebSocketClient;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketClientOptions;
import io.stormsocket.websocket.WebSocketHandshakeException;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A slowloris attack on the WebSocket upgrade: hundreds of sockets trickle a request a byte at a
 * time. The handshake timeout, counted from connect, must close every one of them (each reported
 * as a failed handshake, none ever a session) while a healthy client still connects, upgrades and
 * echoes during the attack. The healthy client's upgrade time is printed as the figure to record;
 * no timing is asserted beyond "closed by the deadline".
 *
 * <p>Full size: {@code -Dstorm.slowloris.sockets=1000}.
 */
class SlowlorisTest {
    private static final int SOCKETS = Integer.getInteger("storm.slowloris.sockets", 300);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);
    private static final byte[] REQUEST = ("GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void tricklingUpgradesAreClosedOnTimeWhileAHealthyClientIsServed() throws Exception {
        StormWebSocketServer server = StormWebSocketServer.create(ServerConfig.builder()
                .endpoint(Endpoint.tcp("127.0.0.1", 0)),
                WebSocketServerOptions.builder().handshakeTimeout(HANDSHAKE_TIMEOUT).build());
        AtomicInteger handshakeFailures = new AtomicInteger();
        AtomicInteger sessions = new AtomicInteger();
        server.onError((session, error) -> {
            if (error instanceof WebSocketHandshakeException) {
                handshakeFailures.incrementAndGet();
            }
        });
        server.onConnected(session -> sessions.incrementAndGet());
        server.onMessageReceived((session, message) -> session.sendFrame(message.retain()));
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        List<Socket> attackers = new ArrayList<>();
        try (server) {
            Await.result(server.start());
            long start = System.nanoTime();
            for (int i = 0; i < SOCKETS; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                attackers.add(socket);
                trickle(trickler, socket, 0);
            }

            // During the attack, a healthy client connects, upgrades and gets its echo.
            long before = System.nanoTime();
            try (StormWebSocketClient healthy = StormWebSocketClient.create(
                    URI.create("ws://127.0.0.1:" + server.port() + "/chat"), ClientConfig.builder(),
                    WebSocketClientOptions.defaults())) {
                CompletableFuture<String> echo = new CompletableFuture<>();
                healthy.onMessageReceived((session, message) -> echo.complete(message.text()));
                Await.result(healthy.connect());
                long upgradeMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - before);
                healthy.send("still served");
                assertThat(Await.result(echo)).isEqualTo("still served");
                System.out.printf("slowloris: %d trickling sockets; a healthy client upgraded in %d us during the attack%n",
                        SOCKETS, upgradeMicros);
            }

            Await.until("every trickling socket closed by the server", () -> attackers.stream().allMatch(Sockets::isClosedByPeer),
                    HANDSHAKE_TIMEOUT.plusSeconds(10));
            long closedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("slowloris: all %d closed within %d ms of the first connect (timeout %d ms)%n", SOCKETS,
                    closedAfterMillis, HANDSHAKE_TIMEOUT.toMillis());
            Await.until("every timeout reported", () -> handshakeFailures.get() == SOCKETS);
            assertThat(sessions.get()).as("only the healthy client became a session").isEqualTo(1);
            Await.until("no session left", () -> server.storm().sessionCount() == 0);
        } finally {
            trickler.shutdownNow();
            for (Socket socket : attackers) {
                socket.close();
            }
        }
    }

    /** Sends the request's next byte every 100 ms (well under the timeout, so only the total time trips it). */
    private static void trickle(ScheduledExecutorService trickler, Socket socket, int next) {
        if (next >= REQUEST.length) {
            return;
        }
        trickler.schedule(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(REQUEST[next]);
                out.flush();
                trickle(trickler, socket, next + 1);
            } catch (IOException closed) {
                // The server closed it: the point of the test.
            }
        }, 100, TimeUnit.MILLISECONDS);
    }
}
