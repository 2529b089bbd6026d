package io.stormsocket.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.testing.Await;
import io.stormsocket.websocket.StormWebSocketClient;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketClientOptions;
import io.stormsocket.websocket.WebSocketCloseStatus;
import io.stormsocket.websocket.WebSocketServerOptions;
import io.stormsocket.websocket.WebSocketSession;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Typed RPC with WebSocket as the transport: one envelope per binary message. */
class RpcOverWebSocketTest {
    record WeatherRequest(String city) implements Request<WeatherResponse> {
    }

    record WeatherResponse(String forecast) {
    }

    record Nonce(long value) implements Request<Long> {
    }

    record Whoami() implements Request<String> {
    }

    private static final RpcOptions OPTIONS = RpcOptions.builder().heartbeatInterval(Duration.ZERO).build();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private StormWebSocketServer webSocketServer(WebSocketServerOptions.Builder options) {
        StormWebSocketServer ws = StormWebSocketServer.create(ServerConfig.builder().endpoint(Endpoint.tcp("127.0.0.1", 0)),
                options.build());
        resources.add(ws);
        return ws;
    }

    private RpcServer rpcServer() {
        // README:rpc-websocket
        StormWebSocketServer ws = webSocketServer(WebSocketServerOptions.builder().paths("/rpc")
                .messageCodec(OPTIONS.messageCodec()));
        RpcServer server = RpcServer.wrap(ws.storm(), OPTIONS);
        server.onRequest(WeatherRequest.class, (session, request) -> new WeatherResponse("Sunny in " + request.city()));
        // END
        server.onRequest(Nonce.class, (session, request) -> request.value());
        Await.result(ws.start());
        return server;
    }

    private RpcClient rpcClient(RpcServer server) {
        StormWebSocketClient ws = StormWebSocketClient.create(URI.create("ws://127.0.0.1:" + server.port() + "/rpc"),
                ClientConfig.builder(), WebSocketClientOptions.builder().messageCodec(OPTIONS.messageCodec()).build());
        resources.add(ws);
        RpcClient client = RpcClient.wrap(ws.storm(), OPTIONS);
        client.onRequest(Whoami.class, (session, request) -> "client " + session.id());
        Await.result(client.connect());
        return client;
    }

    @Test
    void typedRequestsAndMessagesTravelAsBinaryMessages() {
        RpcServer server = rpcServer();
        RpcClient client = rpcClient(server);
        assertThat(Await.result(client.request(new WeatherRequest("Bonn"))).forecast()).isEqualTo("Sunny in Bonn");
        assertThat(client.storm().session()).hasValueSatisfying(s -> assertThat(WebSocketSession.of(s).path()).isEqualTo("/rpc"));
    }

    @Test
    void serverRequestsItsWebSocketClient() {
        RpcServer server = rpcServer();
        RpcClient client = rpcClient(server);
        Await.until("the server sees the session", () -> server.storm().sessionCount() == 1);
        Session session = server.storm().sessions().all().iterator().next();
        assertThat(Await.result(server.request(session, new Whoami()))).startsWith("client ");
        assertThat(client.storm().isConnected()).isTrue();
    }

    @Test
    void manyConcurrentRequestsEachGetTheirOwnResponse() {
        RpcServer server = rpcServer();
        List<RpcClient> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clients.add(rpcClient(server));
        }
        List<CompletableFuture<Boolean>> checks = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long value = i;
            RpcClient client = clients.get(i % clients.size());
            checks.add(client.request(new Nonce(value)).thenApply(answer -> answer == value));
        }
        CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(checks).allMatch(CompletableFuture::join);
    }

    @Test
    void messageThatIsNotAnEnvelopeClosesTheSessionWithAProtocolError() throws Exception {
        RpcServer server = rpcServer();
        BlockingQueue<CloseReason> reasons = new LinkedBlockingQueue<>();
        server.storm().onDisconnected((session, reason) -> reasons.add(reason));
        // A plain WebSocket client (no RPC codec) sends bytes that are no envelope.
        StormWebSocketClient raw = StormWebSocketClient.create(URI.create("ws://127.0.0.1:" + server.port() + "/rpc"),
                ClientConfig.builder(), WebSocketClientOptions.defaults());
        resources.add(raw);
        BlockingQueue<WebSocketCloseStatus> statuses = new LinkedBlockingQueue<>();
        raw.onDisconnected((session, reason) -> WebSocketSession.of(session).peerCloseStatus().ifPresent(statuses::add));
        Await.result(raw.connect());
        raw.send(new byte[] {9, 9, 9});

        assertThat(reasons.poll(10, TimeUnit.SECONDS)).isEqualTo(CloseReason.PROTOCOL_ERROR);
        assertThat(statuses.poll(10, TimeUnit.SECONDS)).satisfies(status ->
                assertThat(status.code()).isEqualTo(WebSocketCloseStatus.INVALID_PAYLOAD));
    }
}
