package io.stormsocket.websocket;

import static io.stormsocket.websocket.WsFixture.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.Session;
import io.stormsocket.testing.Await;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server's opening handshake (RFC 6455 section 4.2) seen from raw HTTP: what it answers to
 * malformed requests, policy refusals and plain HTTP, what it reports to {@code onError}, and that it
 * keeps serving afterwards.
 */
class HandshakeTest {
    @RegisterExtension
    final WsFixture ws = new WsFixture();

    private final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

    private StormWebSocketServer start(WebSocketServerOptions options) {
        StormWebSocketServer server = ws.server(options);
        server.onMessageReceived((session, message) -> session.sendFrame(message.retain()));
        server.onError((session, error) -> errors.add(error));
        Await.result(server.start());
        return server;
    }

    /** A request with this first line and these header lines, nothing added. */
    private static String request(String requestLine, String... headers) {
        StringBuilder text = new StringBuilder(requestLine).append("\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        return text.append("\r\n").toString();
    }

    static Stream<Arguments> malformedUpgrades() {
        String host = "Host: 127.0.0.1";
        String upgrade = "Upgrade: websocket";
        String connection = "Connection: Upgrade";
        String key = "Sec-WebSocket-Key: " + RawHttp.KEY;
        String version = "Sec-WebSocket-Version: 13";
        return Stream.of(
                Arguments.of("no Sec-WebSocket-Key", request("GET / HTTP/1.1", host, upgrade, connection, version), 400),
                Arguments.of("key of 5 bytes", request("GET / HTTP/1.1", host, upgrade, connection,
                        "Sec-WebSocket-Key: c2hvcnQ=", version), 400),
                Arguments.of("key not base64", request("GET / HTTP/1.1", host, upgrade, connection,
                        "Sec-WebSocket-Key: !!!!not-base-64!!!!!!!!", version), 400),
                Arguments.of("version 8", request("GET / HTTP/1.1", host, upgrade, connection, key,
                        "Sec-WebSocket-Version: 8"), 426),
                Arguments.of("POST", request("POST / HTTP/1.1", host, upgrade, connection, key, version,
                        "Content-Length: 0"), 405),
                Arguments.of("HTTP/1.0", request("GET / HTTP/1.0", host, upgrade, connection, key, version), 400),
                Arguments.of("no Host", request("GET / HTTP/1.1", upgrade, connection, key, version), 400),
                Arguments.of("no Connection: Upgrade", request("GET / HTTP/1.1", host, upgrade, "Connection: keep-alive",
                        key, version), 400),
                Arguments.of("headers over 8 KiB", request("GET / HTTP/1.1", host, upgrade, connection, key, version,
                        "X-Padding: " + "p".repeat(9000)), 431),
                Arguments.of("request line over 4 KiB", request("GET /" + "l".repeat(5000) + " HTTP/1.1", host, upgrade,
                        connection, key, version), 414));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformedUpgrades")
    void malformedUpgradeIsAnsweredReportedAndClosed(String name, String request, int status) throws Exception {
        StormWebSocketServer server = start(WebSocketServerOptions.defaults());
        List<Session> opened = new CopyOnWriteArrayList<>();
        server.onConnected(opened::add);

        RawHttp.Response response = RawHttp.exchange(server.port(), request);

        assertThat(response.status()).as(name).isEqualTo(status);
        assertThat(response.header("Connection")).contains("close");
        if (status == 426) {
            assertThat(response.header("Sec-WebSocket-Version")).contains("13");
        }
        if (status == 405) {
            assertThat(response.header("Allow")).contains("GET");
        }
        assertThat(take(errors)).isInstanceOfSatisfying(WebSocketHandshakeException.class,
                e -> assertThat(e.status()).isEqualTo(status));
        assertServesHealthyClient(server, "/");
        assertThat(opened).hasSize(1);
    }

    @Test
    void browserStyleHeaderListsAndCaseAreAccepted() throws Exception {
        StormWebSocketServer server = start(WebSocketServerOptions.defaults());

        // Firefox sends "Connection: keep-alive, Upgrade"; header values compare case-insensitively.
        RawHttp.Response response = RawHttp.exchange(server.port(), request("GET /chat HTTP/1.1", "host: 127.0.0.1",
                "upgrade: WebSocket", "connection: keep-alive, Upgrade", "sec-websocket-key: " + RawHttp.KEY,
                "sec-websocket-version: 13", "Origin: https://anywhere.example"));

        assertThat(response.status()).isEqualTo(101);
        assertThat(response.header("Sec-WebSocket-Accept")).contains(RawHttp.ACCEPT);
        assertThat(response.header("Sec-WebSocket-Extensions")).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void plainGetWithoutHttpHandlerGets426WithUpgradeHeader() throws Exception {
        StormWebSocketServer server = start(WebSocketServerOptions.defaults());

        RawHttp.Response response = RawHttp.exchange(server.port(), request("GET / HTTP/1.1", "Host: 127.0.0.1"));

        assertThat(response.status()).isEqualTo(426);
        assertThat(response.header("Upgrade")).hasValueSatisfying(v -> assertThat(v).isEqualToIgnoringCase("websocket"));
        assertThat(response.header("Sec-WebSocket-Version")).contains("13");
        assertServesHealthyClient(server, "/");
    }

    @Test
    void httpHandlerServesPagesHealthChecksAndErrors() throws Exception {
        StormWebSocketServer server = start(WebSocketServerOptions.builder().httpHandler(request -> switch (request.path()) {
            case "/" -> Optional.of(HttpAnswer.html("<h1>chat</h1>"));
            case "/health" -> Optional.of(HttpAnswer.text(200, "ok"));
            case "/boom" -> throw new IllegalStateException("page generator broke");
            default -> Optional.empty();
        }).build());

        RawHttp.Response page = RawHttp.exchange(server.port(), request("GET / HTTP/1.1", "Host: 127.0.0.1"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).isEqualTo("<h1>chat</h1>");

        RawHttp.Response health = RawHttp.exchange(server.port(), request("GET /health HTTP/1.1", "Host: 127.0.0.1"));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok");

        assertThat(RawHttp.exchange(server.port(), request("GET /boom HTTP/1.1", "Host: 127.0.0.1")).status()).isEqualTo(500);
        assertThat(take(errors)).isInstanceOfSatisfying(WebSocketHandshakeException.class,
                e -> assertThat(e).hasRootCauseMessage("page generator broke"));
        assertThat(RawHttp.exchange(server.port(), request("GET /other HTTP/1.1", "Host: 127.0.0.1")).status()).isEqualTo(426);

        // The same server still upgrades, on any path including the page's.
        assertServesHealthyClient(server, "/");
    }

    @Test
    void pathNotListedGets404WithoutAnError() throws Exception {
        StormWebSocketServer server = start(WebSocketServerOptions.builder().paths("/chat").build());

        assertThat(RawHttp.exchange(server.port(), RawHttp.upgrade("/elsewhere")).status()).isEqualTo(404);
        assertThat(RawHttp.exchange(server.port(), RawHttp.upgrade("/chat?room=1")).status()).isEqualTo(101);

        assertServesHealthyClient(server, "/chat");
        assertThat(errors).isEmpty();
    }

    @Test
    void originPolicyRefusesForeignOriginsAndAcceptsRequestsWithoutOne() throws Exception {
        StormWebSocketServer server = start(WebSocketServerOptions.builder()
                .allowedOrigins(Set.of("https://chat.example")).build());

        RawHttp.Response foreign = RawHttp.exchange(server.port(), RawHttp.upgrade("/", "Origin: https://evil.example"));
        assertThat(foreign.status()).isEqualTo(403);
        RawHttp.Response none = RawHttp.exchange(server.port(), RawHttp.upgrade("/"));
        assertThat(none.status()).isEqualTo(101);
        assertThat(none.header("Sec-WebSocket-Accept")).contains(RawHttp.ACCEPT);

        StormWebSocketClient browserLike = ws.client(server, "/", WebSocketClientOptions.builder()
                .origin("https://chat.example").build());
        BlockingQueue<WsFixture.Received> echoes = WsFixture.messages(browserLike);
        Await.result(browserLike.connect());
        browserLike.send("from the right origin");
        assertThat(take(echoes).text()).isEqualTo("from the right origin");

        assertServesHealthyClient(server, "/");
        assertThat(errors).isEmpty();
    }

    @Test
    void subprotocolFollowsTheServersPreference() {
        StormWebSocketServer server = start(WebSocketServerOptions.builder().subprotocols("chat.v2", "chat.v1").build());

        StormWebSocketClient both = ws.client(server, "/", WebSocketClientOptions.builder()
                .subprotocols("chat.v1", "chat.v2").build());
        Session session = Await.result(both.connect());
        assertThat(WebSocketSession.of(session).subprotocol()).contains("chat.v2");

        StormWebSocketClient older = ws.client(server, "/", WebSocketClientOptions.builder().subprotocols("chat.v1").build());
        assertThat(WebSocketSession.of(Await.result(older.connect())).subprotocol()).contains("chat.v1");
    }

    @Test
    void noSubprotocolInCommonMeansNoHeaderAndNoSubprotocol() throws Exception {
        StormWebSocketServer server = start(WebSocketServerOptions.builder().subprotocols("chat.v2").build());
        BlockingQueue<Optional<String>> serverSide = new LinkedBlockingQueue<>();
        server.onConnected(session -> serverSide.add(WebSocketSession.of(session).subprotocol()));

        RawHttp.Response raw = RawHttp.exchange(server.port(), RawHttp.upgrade("/", "Sec-WebSocket-Protocol: mqtt, stomp"));
        assertThat(raw.status()).isEqualTo(101);
        assertThat(raw.header("Sec-WebSocket-Protocol")).isEmpty();
        assertThat(take(serverSide)).isEmpty();

        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.builder().subprotocols("mqtt").build());
        assertThat(WebSocketSession.of(Await.result(client.connect())).subprotocol()).isEmpty();
        assertThat(take(serverSide)).isEmpty();
    }

    @Test
    void messagesSentFromOnConnectedFollowThe101WithoutLoss() {
        StormWebSocketServer server = start(WebSocketServerOptions.defaults());
        server.onConnected(session -> {
            session.send("welcome");
            session.send(new byte[] {1, 2, 3});
        });
        // The first frames often share a TCP segment with the 101: the client's HTTP decoder must
        // hand them on when it leaves the pipeline.
        for (int i = 0; i < 20; i++) {
            boolean compressed = i % 2 == 0;
            StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.builder()
                    .compression(compressed ? DeflateOptions.builder().minimumSize(0).build() : DeflateOptions.disabled())
                    .build());
            BlockingQueue<WsFixture.Received> received = WsFixture.messages(client);
            Await.result(client.connect());
            assertThat(take(received).text()).isEqualTo("welcome");
            assertThat(take(received).bytes()).containsExactly(1, 2, 3);
            client.close();
        }
        assertThat(errors).isEmpty();
    }

    /** A Storm client upgrades on {@code path} and gets an echo back. */
    private void assertServesHealthyClient(StormWebSocketServer server, String path) {
        StormWebSocketClient client = ws.client(server, path, WebSocketClientOptions.defaults());
        BlockingQueue<WsFixture.Received> echoes = WsFixture.messages(client);
        Await.result(client.connect());
        client.send("still serving");
        assertThat(take(echoes).text()).isEqualTo("still serving");
        client.close();
    }
}
