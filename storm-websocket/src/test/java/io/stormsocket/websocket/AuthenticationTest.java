package io.stormsocket.websocket;

import static io.stormsocket.websocket.WsFixture.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.ConnectFailedException;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionKey;
import io.stormsocket.testing.Await;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The upgrade decision hook: {@code onConnecting} and {@code onConnectingAsync}. */
class AuthenticationTest {
    private static final SessionKey<String> USER = SessionKey.of("user", String.class);

    @RegisterExtension
    final WsFixture ws = new WsFixture();

    private final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

    private StormWebSocketServer server(WebSocketServerOptions options) {
        StormWebSocketServer server = ws.server(options);
        server.onMessageReceived((session, message) -> session.sendFrame(message.retain()));
        server.onError((session, error) -> errors.add(error));
        return server;
    }

    private StormWebSocketClient client(StormWebSocketServer server, String pathAndQuery) {
        return ws.client(server, pathAndQuery, WebSocketClientOptions.defaults());
    }

    /** {@return the WebSocketHandshakeException in a failure's cause chain} */
    static WebSocketHandshakeException handshakeFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException e) {
                return e;
            }
        }
        throw new AssertionError("no WebSocketHandshakeException in the causes of " + failure, failure);
    }

    private static void assertEchoes(StormWebSocketClient client) {
        BlockingQueue<WsFixture.Received> echoes = WsFixture.messages(client);
        client.send("hello");
        assertThat(take(echoes).text()).isEqualTo("hello");
    }

    @Test
    void rejectionAnswers401WithItsReasonAndIsNotAnError() throws Exception {
        StormWebSocketServer server = server(WebSocketServerOptions.defaults());
        server.onConnecting(request -> request.queryParameter("token").filter("s3cret"::equals)
                .map(token -> HandshakeDecision.accept())
                .orElse(HandshakeDecision.reject(401, "missing or unknown token")));
        Await.result(server.start());

        RawHttp.Response raw = RawHttp.exchange(server.port(), RawHttp.upgrade("/?token=guess"));
        assertThat(raw.status()).isEqualTo(401);
        assertThat(raw.body()).contains("missing or unknown token");

        Throwable refused = Await.failure(client(server, "/?token=guess").connect());
        assertThat(refused).isInstanceOf(ConnectFailedException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class, e -> assertThat(e.status()).isEqualTo(401));

        StormWebSocketClient allowed = client(server, "/?token=s3cret");
        Await.result(allowed.connect());
        assertEchoes(allowed);
        assertThat(errors).isEmpty();
    }

    @Test
    void acceptedSessionCarriesAttributesAndTheHandlerSeesTheWholeRequest() {
        StormWebSocketServer server = server(WebSocketServerOptions.defaults());
        AtomicReference<HandshakeRequest> seen = new AtomicReference<>();
        server.onConnecting(request -> {
            seen.set(request);
            return HandshakeDecision.accept().withAttribute(USER, request.cookie("user").orElse("anonymous"));
        });
        BlockingQueue<Optional<String>> users = new LinkedBlockingQueue<>();
        server.onConnected(session -> users.add(session.attribute(USER)));
        Await.result(server.start());

        StormWebSocketClient client = ws.client(URI.create("ws://127.0.0.1:" + server.port()
                        + "/chat?room=lobby&room=annex&name=a%20b"), ClientConfig.builder(),
                WebSocketClientOptions.builder().header("Cookie", "user=alice; theme=dark").header("X-Tenant", "acme")
                        .build());
        Await.result(client.connect());

        assertThat(take(users)).contains("alice");
        HandshakeRequest request = seen.get();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/chat");
        assertThat(request.uri()).isEqualTo("/chat?room=lobby&room=annex&name=a%20b");
        assertThat(request.queryParameters().get("room")).isEqualTo(List.of("lobby", "annex"));
        assertThat(request.queryParameter("name")).contains("a b");
        assertThat(request.cookie("theme")).contains("dark");
        assertThat(request.cookies()).containsKeys("user", "theme");
        assertThat(request.header("X-TENANT")).contains("acme");
        assertThat(request.origin()).isEmpty();
        assertThat(request.remoteAddress()).isNotNull();
        assertEchoes(client);
    }

    @Test
    void asynchronousDecisionCompletedLaterOnAnotherThread() {
        ScheduledExecutorService authService = Executors.newSingleThreadScheduledExecutor();
        ws.closeAfter((AutoCloseable) authService::shutdownNow);
        StormWebSocketServer server = server(WebSocketServerOptions.defaults());
        server.onConnectingAsync(request -> {
            CompletableFuture<HandshakeDecision> decision = new CompletableFuture<>();
            authService.schedule(() -> decision.complete(request.queryParameter("token").isPresent()
                    ? HandshakeDecision.accept().withAttribute(USER, "bob")
                    : HandshakeDecision.reject(403, "no token")), 300, TimeUnit.MILLISECONDS);
            return decision;
        });
        BlockingQueue<Optional<String>> users = new LinkedBlockingQueue<>();
        server.onConnected(session -> users.add(session.attribute(USER)));
        Await.result(server.start());

        StormWebSocketClient client = client(server, "/?token=t");
        Await.result(client.connect());
        assertThat(take(users)).contains("bob");
        assertEchoes(client);

        assertThat(handshakeFailure(Await.failure(client(server, "/").connect())).status()).isEqualTo(403);
    }

    @Test
    void throwingHandlerAnswers500AndReportsTheFailure() {
        StormWebSocketServer server = server(WebSocketServerOptions.defaults());
        IllegalStateException broken = new IllegalStateException("token store unreachable");
        server.onConnecting(request -> {
            throw broken;
        });
        Await.result(server.start());

        assertThat(handshakeFailure(Await.failure(client(server, "/").connect())).status()).isEqualTo(500);
        assertThat(take(errors)).isInstanceOfSatisfying(WebSocketHandshakeException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e).hasRootCause(broken);
        });
    }

    @Test
    void failedAsynchronousDecisionAnswers500() {
        StormWebSocketServer server = server(WebSocketServerOptions.defaults());
        server.onConnectingAsync(request -> CompletableFuture.failedFuture(new IllegalStateException("auth down")));
        Await.result(server.start());

        assertThat(handshakeFailure(Await.failure(client(server, "/").connect())).status()).isEqualTo(500);
        assertThat(take(errors)).isInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void asynchronousHandlerReturningNoStageAnswers500() {
        StormWebSocketServer server = server(WebSocketServerOptions.defaults());
        server.onConnectingAsync(request -> null);
        Await.result(server.start());

        assertThat(handshakeFailure(Await.failure(client(server, "/").connect())).status()).isEqualTo(500);
        assertThat(take(errors)).isInstanceOfSatisfying(WebSocketHandshakeException.class,
                e -> assertThat(e.status()).isEqualTo(500));
    }

    @Test
    void decisionThatNeverCompletesIsEndedByTheHandshakeTimeout() {
        StormWebSocketServer server = server(WebSocketServerOptions.builder().handshakeTimeout(Duration.ofSeconds(1)).build());
        server.onConnectingAsync(request -> new CompletableFuture<>());
        BlockingQueue<Object> connected = new LinkedBlockingQueue<>();
        server.onConnected(connected::add);
        Await.result(server.start());

        // The client would wait far longer than the test: only the server's timeout can end this.
        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.builder()
                .handshakeTimeout(Duration.ofSeconds(60)).build());
        Await.failure(client.connect());

        assertThat(take(errors)).isInstanceOfSatisfying(WebSocketHandshakeException.class,
                e -> assertThat(e.status()).isZero());
        assertThat(connected).isEmpty();
        Await.until("the undecided connection is gone", () -> server.storm().sessionCount() == 0);
    }

    @Test
    void handlerChoosingASubprotocolTheClientDidNotOfferAnswers500() {
        StormWebSocketServer server = server(WebSocketServerOptions.defaults());
        server.onConnecting(request -> HandshakeDecision.accept().withSubprotocol("graphql-ws"));
        Await.result(server.start());

        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.builder().subprotocols("mqtt").build());
        assertThat(handshakeFailure(Await.failure(client.connect())).status()).isEqualTo(500);
        assertThat(take(errors)).isInstanceOfSatisfying(WebSocketHandshakeException.class,
                e -> assertThat(e.status()).isEqualTo(500));

        server.onConnecting(request -> HandshakeDecision.accept().withSubprotocol("mqtt"));
        Session offered = Await.result(ws.client(server, "/", WebSocketClientOptions.builder().subprotocols("mqtt").build())
                .connect());
        assertThat(WebSocketSession.of(offered).subprotocol()).contains("mqtt");
    }
}
