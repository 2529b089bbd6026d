package io.stormsocket.websocket.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionKey;
import io.stormsocket.ssl.SelfSignedCertificates;
import io.stormsocket.ssl.TlsClientOptions;
import io.stormsocket.ssl.TlsServerOptions;
import io.stormsocket.testing.Await;
import io.stormsocket.websocket.DeflateOptions;
import io.stormsocket.websocket.HandshakeDecision;
import io.stormsocket.websocket.Heartbeat;
import io.stormsocket.websocket.HttpAnswer;
import io.stormsocket.websocket.StormWebSocketClient;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketClientOptions;
import io.stormsocket.websocket.WebSocketHandshakeException;
import io.stormsocket.websocket.WebSocketServerOptions;
import io.stormsocket.websocket.WebSocketSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The code of the README's WebSocket section, compiled and run: every snippet there equals a
 * {@code // README:NAME ... // END} region of this class, which storm-core's ReadmeSnippetsTest checks.
 */
class WebSocketReadmeExamplesTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeAfter(T resource) {
        resources.add(resource);
        return resource;
    }

    private static String poll(LinkedBlockingQueue<String> queue) throws InterruptedException {
        return queue.poll(10, TimeUnit.SECONDS);
    }

    @Test
    void echoServerAndClient() throws Exception {
        // README:ws-server
        StormWebSocketServer server = StormWebSocketServer.create(ServerConfig.builder().port(0),
                WebSocketServerOptions.builder().paths("/echo").build());
        server.onMessageReceived((session, message) -> {
            if (message.isText()) {
                session.send("echo: " + message.text());   // a String goes out as a text message
            } else {
                session.send(message.bytes());             // bytes go out as a binary message
            }
        });
        server.start().join();
        // END
        closeAfter(server);

        LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
        // README:ws-client
        StormWebSocketClient client = StormWebSocketClient.create(
                URI.create("ws://localhost:" + server.port() + "/echo"),
                ClientConfig.builder(), WebSocketClientOptions.defaults());
        client.onMessageReceived((session, message) -> replies.add(message.text()));
        client.connect().join();
        client.send("hello");
        // END
        closeAfter(client);
        assertThat(poll(replies)).isEqualTo("echo: hello");
    }

    // README:ws-auth-key
    static final SessionKey<String> USER = SessionKey.of("user", String.class);
    // END

    @Test
    void authenticationBeforeTheUpgrade() throws Exception {
        Map<String, String> tokens = Map.of("s3cret", "alice");
        StormWebSocketServer server = closeAfter(StormWebSocketServer.create(ServerConfig.builder().port(0),
                WebSocketServerOptions.defaults()));
        LinkedBlockingQueue<String> users = new LinkedBlockingQueue<>();
        // README:ws-auth
        server.onConnecting(request -> request.queryParameter("token")
                .map(tokens::get)
                .map(user -> HandshakeDecision.accept().withAttribute(USER, user))
                .orElse(HandshakeDecision.reject(401, "missing or unknown token")));
        server.onConnected(session -> System.out.println("hello " + session.attribute(USER).orElseThrow()));
        // END
        server.onConnected(session -> users.add(session.attribute(USER).orElseThrow()));
        server.start().join();

        StormWebSocketClient good = closeAfter(StormWebSocketClient.create(
                URI.create("ws://127.0.0.1:" + server.port() + "/?token=s3cret"), ClientConfig.builder(),
                WebSocketClientOptions.defaults()));
        Await.result(good.connect());
        assertThat(poll(users)).isEqualTo("alice");

        StormWebSocketClient bad = closeAfter(StormWebSocketClient.create(
                URI.create("ws://127.0.0.1:" + server.port() + "/?token=wrong"), ClientConfig.builder(),
                WebSocketClientOptions.defaults()));
        // README:ws-auth-refused
        Throwable failure = bad.connect().handle((session, error) -> error).join();
        // a ConnectFailedException caused by the refusal:
        WebSocketHandshakeException refused = (WebSocketHandshakeException) failure.getCause();
        System.out.println("refused with HTTP " + refused.status()); // 401
        // END
        assertThat(refused.status()).isEqualTo(401);
        assertThat(failure).isInstanceOf(io.stormsocket.core.ConnectFailedException.class);
    }

    @Test
    void heartbeatCompressionAndLimits() throws Exception {
        // README:ws-options
        WebSocketServerOptions options = WebSocketServerOptions.builder()
                .paths("/chat", "/feed")
                .allowedOrigins(java.util.Set.of("https://example.com"))
                .heartbeat(Heartbeat.every(Duration.ofSeconds(15), 2))      // ping every 15 s; 2 unanswered: gone
                .maxFrameSize(64 * 1024)                                     // larger frames: close 1009
                .maxMessageSize(1024 * 1024)                                 // after reassembly and inflation
                .compression(DeflateOptions.builder().serverNoContextTakeover(true).build())
                .subprotocols("chat.v2", "chat.v1")
                .build();
        // END
        StormWebSocketServer server = closeAfter(StormWebSocketServer.create(ServerConfig.builder().port(0), options));
        Await.result(server.start());
        StormWebSocketClient client = closeAfter(StormWebSocketClient.create(
                URI.create("ws://127.0.0.1:" + server.port() + "/chat"), ClientConfig.builder(),
                WebSocketClientOptions.builder().subprotocols("chat.v1").build()));
        Session session = Await.result(client.connect());
        assertThat(WebSocketSession.of(session).subprotocol()).contains("chat.v1");
        assertThat(WebSocketSession.of(session).isCompressed()).isTrue();
    }

    @Test
    void roomsBroadcastAndCloseCodes() throws Exception {
        StormWebSocketServer server = closeAfter(StormWebSocketServer.create(ServerConfig.builder().port(0),
                WebSocketServerOptions.defaults()));
        LinkedBlockingQueue<String> closes = new LinkedBlockingQueue<>();
        // README:ws-rooms
        server.onConnected(session -> session.join("lobby"));
        server.onMessageReceived((session, message) -> {
            if (message.text().equals("/quit")) {
                WebSocketSession.of(session).close(4000, "bye");      // an application close code
            } else {
                server.storm().groups().group("lobby").broadcast(message.text(), session.id());
            }
        });
        server.onDisconnected((session, reason) ->
                System.out.println(session.id() + " left: " + reason + " "
                        + WebSocketSession.of(session).peerCloseStatus().map(Object::toString).orElse("")));
        // END
        server.start().join();

        LinkedBlockingQueue<String> a = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> b = new LinkedBlockingQueue<>();
        StormWebSocketClient one = connect(server, a, closes);
        connect(server, b, closes);
        Await.until("both in the lobby", () -> server.storm().groups().memberCount("lobby") == 2);
        one.send("hi all");
        assertThat(poll(b)).isEqualTo("hi all");
        one.send("/quit");
        assertThat(poll(closes)).isEqualTo("4000 bye");
        assertThat(a).isEmpty();
    }

    private StormWebSocketClient connect(StormWebSocketServer server, LinkedBlockingQueue<String> lines,
                                         LinkedBlockingQueue<String> closes) {
        StormWebSocketClient client = closeAfter(StormWebSocketClient.create(
                URI.create("ws://127.0.0.1:" + server.port() + "/"), ClientConfig.builder(),
                WebSocketClientOptions.defaults()));
        client.onMessageReceived((session, message) -> lines.add(message.text()));
        client.onDisconnected((session, reason) -> WebSocketSession.of(session).peerCloseStatus()
                .ifPresent(status -> closes.add(status.toString())));
        Await.result(client.connect());
        return client;
    }

    @Test
    void plainHttpAndWss() throws Exception {
        SelfSignedCertificates certificate = SelfSignedCertificates.create("localhost", "127.0.0.1");
        // README:ws-tls
        StormWebSocketServer server = StormWebSocketServer.create(ServerConfig.builder().port(0)
                        .tls(TlsServerOptions.builder().keyMaterial(certificate.keyMaterial()).build()),
                WebSocketServerOptions.builder()
                        .httpHandler(request -> request.path().equals("/health")
                                ? Optional.of(HttpAnswer.text(200, "ok")) : Optional.empty())
                        .build());
        server.start().join();

        StormWebSocketClient client = StormWebSocketClient.create(
                URI.create("wss://localhost:" + server.port() + "/"),
                ClientConfig.builder().tls(TlsClientOptions.builder().trust(certificate.trustMaterial()).build()),
                WebSocketClientOptions.defaults());
        client.connect().join();
        // END
        closeAfter(server);
        closeAfter(client);
        assertThat(client.storm().isConnected()).isTrue();

        HttpClient http = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok");
    }

    private static javax.net.ssl.SSLContext trusting(SelfSignedCertificates certificate) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("storm", certificate.certificate());
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
