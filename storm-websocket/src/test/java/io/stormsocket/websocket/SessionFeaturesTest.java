package io.stormsocket.websocket;

import static io.stormsocket.websocket.WsFixture.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.BroadcastResult;
import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.IdleTimeouts;
import io.stormsocket.core.Middleware;
import io.stormsocket.core.Payload;
import io.stormsocket.core.RateLimiter;
import io.stormsocket.core.ReconnectPolicy;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.SlowConsumerPolicy;
import io.stormsocket.testing.Await;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Storm's session features on WebSocket sessions, unchanged: auto-reconnect (a fresh upgrade each
 * time), middleware, rate limiting, and the slow-consumer policy on broadcast.
 */
class SessionFeaturesTest {
    @RegisterExtension
    final WsFixture ws = new WsFixture();

    private StormWebSocketServer server(ServerConfig.Builder config, WebSocketServerOptions options) {
        return ws.closeAfter(StormWebSocketServer.create(config.endpoint(Endpoint.tcp("127.0.0.1", 0)), options));
    }

    @Test
    void clientReconnectsWithANewUpgradeAfterTheServerClosesItsSession() {
        StormWebSocketServer server = ws.echoServer(WebSocketServerOptions.defaults());
        AtomicInteger upgrades = new AtomicInteger();
        server.onConnecting(request -> {
            upgrades.incrementAndGet();
            return HandshakeDecision.accept();
        });
        BlockingQueue<Session> serverSessions = new LinkedBlockingQueue<>();
        server.onConnected(serverSessions::add);

        StormWebSocketClient client = ws.client(URI.create("ws://127.0.0.1:" + server.port() + "/live"),
                ClientConfig.builder().reconnect(ReconnectPolicy.builder().initialDelay(Duration.ofMillis(50))
                        .maxDelay(Duration.ofMillis(200)).build()),
                WebSocketClientOptions.defaults());
        BlockingQueue<Session> clientSessions = new LinkedBlockingQueue<>();
        client.onConnected(clientSessions::add);
        BlockingQueue<WsFixture.Received> echoes = WsFixture.messages(client);
        BlockingQueue<Optional<WebSocketCloseStatus>> closes = new LinkedBlockingQueue<>();
        client.onDisconnected((session, reason) -> closes.add(WebSocketSession.of(session).peerCloseStatus()));
        Await.result(client.connect());
        Session first = take(clientSessions);
        client.send("first life");
        assertThat(take(echoes).text()).isEqualTo("first life");

        WebSocketSession.of(take(serverSessions)).close(1012, "restarting");

        assertThat(take(closes)).contains(new WebSocketCloseStatus(1012, "restarting"));
        Session second = take(clientSessions);
        assertThat(second).isNotSameAs(first);
        assertThat(WebSocketSession.of(second).path()).isEqualTo("/live");
        take(serverSessions);
        assertThat(upgrades).hasValue(2);
        client.send("second life");
        assertThat(take(echoes).text()).isEqualTo("second life");
    }

    @Test
    void serverShutdownSaysGoingAway() {
        StormWebSocketServer server = ws.echoServer(WebSocketServerOptions.defaults());
        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.defaults());
        BlockingQueue<Optional<WebSocketCloseStatus>> closes = new LinkedBlockingQueue<>();
        client.onDisconnected((session, reason) -> closes.add(WebSocketSession.of(session).peerCloseStatus()));
        Await.result(client.connect());

        server.close();

        assertThat(take(closes)).hasValueSatisfying(
                status -> assertThat(status.code()).isEqualTo(WebSocketCloseStatus.GOING_AWAY));
    }

    @Test
    void idleTimeoutClosesWithGoingAway() {
        StormWebSocketServer server = server(ServerConfig.builder()
                .idleTimeouts(IdleTimeouts.builder().reader(Duration.ofMillis(300)).build()), WebSocketServerOptions.defaults());
        BlockingQueue<CloseReason> reasons = new LinkedBlockingQueue<>();
        server.onDisconnected((session, reason) -> reasons.add(reason));
        Await.result(server.start());
        StormWebSocketClient quiet = ws.client(server, "/", WebSocketClientOptions.defaults());
        BlockingQueue<Optional<WebSocketCloseStatus>> closes = new LinkedBlockingQueue<>();
        quiet.onDisconnected((session, reason) -> closes.add(WebSocketSession.of(session).peerCloseStatus()));
        Await.result(quiet.connect());

        assertThat(take(closes)).contains(new WebSocketCloseStatus(WebSocketCloseStatus.GOING_AWAY, "idle timeout"));
        assertThat(take(reasons)).isEqualTo(CloseReason.IDLE_TIMEOUT);
    }

    @Test
    void middlewareSeesWebSocketMessagesAndTextStaysText() {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        Middleware shouting = new Middleware() {
            @Override
            public Optional<Payload> onDataReceived(Session session, Payload data) {
                WebSocketMessage message = data.frame(WebSocketMessage.class);
                seen.add("received " + message.type() + " " + message.text());
                return Optional.of(data);
            }

            @Override
            public Optional<Payload> onDataSending(Session session, Payload data) {
                WebSocketMessage message = data.frame(WebSocketMessage.class);
                seen.add("sending " + message.type() + " " + message.text());
                return message.isText()
                        ? Optional.of(Payload.wrap(WebSocketMessage.text(message.text().toUpperCase(Locale.ROOT))))
                        : Optional.of(data);
            }
        };
        StormWebSocketServer server = server(ServerConfig.builder().middleware(shouting), WebSocketServerOptions.defaults());
        server.onMessageReceived((session, message) -> session.send(message.text() + "!"));
        Await.result(server.start());
        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.defaults());
        BlockingQueue<WsFixture.Received> received = WsFixture.messages(client);
        Await.result(client.connect());

        client.send("hello");

        WsFixture.Received reply = take(received);
        assertThat(reply.type()).isEqualTo(WebSocketMessage.Type.TEXT);
        assertThat(reply.text()).isEqualTo("HELLO!");
        assertThat(take(seen)).isEqualTo("received TEXT hello");
        assertThat(take(seen)).isEqualTo("sending TEXT hello!");
    }

    @Test
    void rateLimiterDisconnectsAFloodingSession() {
        RateLimiter limiter = RateLimiter.builder().maxMessages(5).window(Duration.ofSeconds(30)).build();
        StormWebSocketServer server = server(ServerConfig.builder().middleware(limiter), WebSocketServerOptions.defaults());
        BlockingQueue<String> handled = new LinkedBlockingQueue<>();
        server.onMessageReceived((session, message) -> {
            handled.add(message.text());
            session.sendFrame(message.retain());
        });
        BlockingQueue<CloseReason> reasons = new LinkedBlockingQueue<>();
        server.onDisconnected((session, reason) -> reasons.add(reason));
        Await.result(server.start());
        StormWebSocketClient flooder = ws.client(server, "/", WebSocketClientOptions.defaults());
        BlockingQueue<CloseReason> flooderClosed = WsFixture.disconnects(flooder);
        Await.result(flooder.connect());

        for (int i = 0; i < 6; i++) {
            flooder.send("message " + i);
        }

        assertThat(take(reasons)).isEqualTo(CloseReason.RATE_LIMITED);
        take(flooderClosed);
        // The limiter aborts (a reset), so echoes in flight may be lost; what the handler saw is exact.
        for (int i = 0; i < 5; i++) {
            assertThat(take(handled)).isEqualTo("message " + i);
        }
        assertThat(handled).isEmpty();

        StormWebSocketClient polite = ws.client(server, "/", WebSocketClientOptions.defaults());
        BlockingQueue<WsFixture.Received> politeEchoes = WsFixture.messages(polite);
        Await.result(polite.connect());
        polite.send("within the limit");
        assertThat(take(politeEchoes).text()).isEqualTo("within the limit");
    }

    @Test
    void dropPolicyReportsBroadcastsDroppedForAClientThatStopsReading() throws Exception {
        StormWebSocketServer server = server(ServerConfig.builder().slowConsumerPolicy(SlowConsumerPolicy.DROP)
                .maxPendingSendBytes(64 * 1024), WebSocketServerOptions.builder().compression(DeflateOptions.disabled()).build());
        Await.result(server.start());

        try (RawWebSocket stalled = RawWebSocket.open(server.port(), "/", 4096)) {
            Await.until("the session is registered", () -> server.storm().sessionCount() == 1);
            byte[] chunk = new byte[256 * 1024];
            AtomicReference<BroadcastResult> last = new AtomicReference<>();
            // The kernel's socket buffers absorb some megabytes first; keep broadcasting until the
            // session is backpressured and the policy drops.
            Await.until("a broadcast was dropped", () -> {
                BroadcastResult result = Await.result(server.broadcast(chunk));
                last.set(result);
                return result.dropped() > 0;
            });
            assertThat(last.get().dropped()).isEqualTo(1);
            assertThat(last.get().disconnected()).isZero();
            assertThat(server.storm().sessionCount()).isEqualTo(1);
            assertThat(stalled.socket().isClosed()).isFalse();
        }
    }
}
