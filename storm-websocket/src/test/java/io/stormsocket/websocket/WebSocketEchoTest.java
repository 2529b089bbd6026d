package io.stormsocket.websocket;

import static io.stormsocket.websocket.WsFixture.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Session;
import io.stormsocket.testing.Await;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Storm's WebSocket client against Storm's WebSocket server. */
class WebSocketEchoTest {
    @RegisterExtension
    final WsFixture ws = new WsFixture();

    private static DeflateOptions compression(boolean on) {
        return on ? DeflateOptions.defaults() : DeflateOptions.disabled();
    }

    @ParameterizedTest(name = "compression {0}")
    @ValueSource(booleans = {false, true})
    void echoesTextAndBinaryMessagesOfEverySize(boolean compressed) {
        StormWebSocketServer server = ws.echoServer(WebSocketServerOptions.builder().compression(compression(compressed)).build());
        StormWebSocketClient client = ws.client(server, "/echo", WebSocketClientOptions.builder()
                .compression(compression(compressed)).build());
        BlockingQueue<WsFixture.Received> received = WsFixture.messages(client);
        Session session = Await.result(client.connect());
        assertThat(WebSocketSession.of(session).isCompressed()).isEqualTo(compressed);
        assertThat(WebSocketSession.of(session).path()).isEqualTo("/echo");

        Random random = new Random(7);
        for (int size : new int[] {0, 1, 125, 126, 65_535, 65_536, 300_000}) {
            String text = "é".repeat(size / 2) + "x".repeat(size % 2);
            client.send(text);
            WsFixture.Received echo = take(received);
            assertThat(echo.type()).isEqualTo(WebSocketMessage.Type.TEXT);
            assertThat(echo.text()).isEqualTo(text);

            byte[] data = new byte[size];
            random.nextBytes(data);
            client.send(data);
            WsFixture.Received binary = take(received);
            assertThat(binary.type()).isEqualTo(WebSocketMessage.Type.BINARY);
            assertThat(binary.bytes()).isEqualTo(data);
        }
    }

    @Test
    void upgradedPipelinesHoldTheFrameStagesInPlaceOfTheHttpOnes() {
        StormWebSocketServer server = ws.echoServer(WebSocketServerOptions.defaults());
        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.defaults());
        Session session = Await.result(client.connect());
        Await.until("the server session opens", () -> server.storm().sessionCount() == 1);
        Session serverSession = server.storm().sessions().all().iterator().next();
        for (Session s : new Session[] {session, serverSession}) {
            assertThat(Await.value("handler names", () -> s.channel().pipeline().names(),
                    names -> !names.contains("storm-ws-http")))
                    .containsSubsequence("storm-traffic", "storm-ws-writer", "storm-ws-decoder", "storm-session")
                    .doesNotContain("storm-ws-http", "storm-ws-handshake", "storm-frame-decoder");
        }
    }

    @Test
    void keepsOrderAcrossManyMessagesWithContextTakeover() {
        StormWebSocketServer server = ws.echoServer(WebSocketServerOptions.defaults());
        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.defaults());
        BlockingQueue<WsFixture.Received> received = WsFixture.messages(client);
        Await.result(client.connect());
        for (int i = 0; i < 2000; i++) {
            client.send("message number " + i + " with some repeated words repeated words repeated words");
        }
        for (int i = 0; i < 2000; i++) {
            assertThat(take(received).text()).startsWith("message number " + i + " ");
        }
    }

    @Test
    void applicationCloseCodeReachesThePeer() {
        StormWebSocketServer server = ws.server(WebSocketServerOptions.defaults());
        BlockingQueue<CloseReason> serverReasons = new java.util.concurrent.LinkedBlockingQueue<>();
        server.onConnected(session -> WebSocketSession.of(session).close(4001, "token expired"));
        server.onDisconnected((session, reason) -> serverReasons.add(reason));
        Await.result(server.start());
        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.defaults());
        BlockingQueue<WebSocketCloseStatus> statuses = new java.util.concurrent.LinkedBlockingQueue<>();
        client.onDisconnected((session, reason) -> WebSocketSession.of(session).peerCloseStatus().ifPresent(statuses::add));
        Await.result(client.connect());

        assertThat(take(statuses)).isEqualTo(new WebSocketCloseStatus(4001, "token expired"));
        assertThat(take(serverReasons)).isEqualTo(CloseReason.LOCAL_CLOSE);
    }

    @Test
    void clientCloseIsAnsweredAndBothSidesSeeTheReason() {
        StormWebSocketServer server = ws.server(WebSocketServerOptions.defaults());
        BlockingQueue<WebSocketCloseStatus> serverSaw = new java.util.concurrent.LinkedBlockingQueue<>();
        BlockingQueue<CloseReason> serverReasons = new java.util.concurrent.LinkedBlockingQueue<>();
        server.onDisconnected((session, reason) -> {
            serverReasons.add(reason);
            WebSocketSession.of(session).peerCloseStatus().ifPresent(serverSaw::add);
        });
        Await.result(server.start());
        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.defaults());
        BlockingQueue<CloseReason> clientReasons = WsFixture.disconnects(client);
        Session session = Await.result(client.connect());

        assertThat(Await.result(WebSocketSession.of(session).close(1000, "done"))).isEqualTo(CloseReason.LOCAL_CLOSE);
        assertThat(take(clientReasons)).isEqualTo(CloseReason.LOCAL_CLOSE);
        assertThat(take(serverSaw)).isEqualTo(new WebSocketCloseStatus(1000, "done"));
        assertThat(take(serverReasons)).isEqualTo(CloseReason.REMOTE_CLOSE);
        assertThat(WebSocketSession.of(session).peerCloseStatus()).contains(WebSocketCloseStatus.of(1000));
    }

    @Test
    void serverBroadcastReachesEveryClient() {
        StormWebSocketServer server = ws.echoServer(WebSocketServerOptions.defaults());
        BlockingQueue<WsFixture.Received> a = WsFixture.messages(connect(server));
        BlockingQueue<WsFixture.Received> b = WsFixture.messages(connect(server));
        Await.until("two sessions", () -> server.storm().sessionCount() == 2);
        assertThat(Await.result(server.broadcast("to everyone")).delivered()).isEqualTo(2);
        assertThat(take(a).text()).isEqualTo("to everyone");
        assertThat(take(b).text()).isEqualTo("to everyone");
        Await.result(server.broadcast("bytes".getBytes(StandardCharsets.UTF_8)));
        assertThat(take(a).type()).isEqualTo(WebSocketMessage.Type.BINARY);
        assertThat(take(b).bytes()).isEqualTo("bytes".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void broadcastToCompressingClientsWithAndWithoutContextTakeover() {
        // The server asks for server_no_context_takeover: its broadcasts are compressed once for all.
        StormWebSocketServer fresh = ws.echoServer(WebSocketServerOptions.builder()
                .compression(DeflateOptions.builder().serverNoContextTakeover(true).build()).build());
        StormWebSocketServer keeping = ws.echoServer(WebSocketServerOptions.defaults());
        String text = "a broadcast long enough to be compressed, ".repeat(20);
        for (StormWebSocketServer server : new StormWebSocketServer[] {fresh, keeping}) {
            StormWebSocketClient one = connect(server);
            StormWebSocketClient two = connect(server);
            BlockingQueue<WsFixture.Received> a = WsFixture.messages(one);
            BlockingQueue<WsFixture.Received> b = WsFixture.messages(two);
            Await.until("two sessions", () -> server.storm().sessionCount() == 2);
            for (int i = 0; i < 3; i++) {
                assertThat(Await.result(server.broadcast(text + i)).delivered()).isEqualTo(2);
                assertThat(take(a).text()).isEqualTo(text + i);
                assertThat(take(b).text()).isEqualTo(text + i);
            }
            // Broadcasts interleave with each session's own compressed sends without corrupting either.
            one.send(text);
            assertThat(take(a).text()).isEqualTo(text);
        }
    }

    private StormWebSocketClient connect(StormWebSocketServer server) {
        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.defaults());
        Await.result(client.connect());
        return client;
    }
}
