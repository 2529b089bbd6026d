package io.stormsocket.websocket;

import static io.stormsocket.websocket.WsFixture.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Session;
import io.stormsocket.testing.Await;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDK's {@code java.net.http} WebSocket client against a Storm server. */
class JdkInteropTest {
    @RegisterExtension
    final WsFixture ws = new WsFixture();

    private HttpClient http;

    @BeforeEach
    void httpClient() {
        ExecutorService executor = Executors.newCachedThreadPool();
        ws.closeAfter((AutoCloseable) executor::shutdownNow);
        http = HttpClient.newBuilder().executor(executor).build();
    }

    /** Builds an {@link HttpClient} trusting a TLS context, sharing the test's executor rules. */
    static HttpClient httpClient(WsFixture ws, SSLContext tls) {
        ExecutorService executor = Executors.newCachedThreadPool();
        ws.closeAfter((AutoCloseable) executor::shutdownNow);
        return HttpClient.newBuilder().executor(executor).sslContext(tls).build();
    }

    /** What the JDK client received: whole messages (parts joined), pongs, pings, the close. */
    static final class Recorder implements WebSocket.Listener {
        record Closed(int code, String reason) {
        }

        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
        final AtomicInteger pings = new AtomicInteger();
        final CompletableFuture<Closed> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] part = new byte[data.remaining()];
            data.get(part);
            binary.writeBytes(part);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            pongs.add(StandardCharsets.UTF_8.decode(message).toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    private StormWebSocketServer echoServer(WebSocketServerOptions options) {
        return ws.echoServer(options);
    }

    private WebSocket open(StormWebSocketServer server, Recorder recorder, String... subprotocols) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Await.TIMEOUT);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return Await.result(builder.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/jdk"), recorder));
    }

    @Test
    void textBinaryLargeAndFragmentedMessagesEcho() {
        StormWebSocketServer server = echoServer(WebSocketServerOptions.builder().subprotocols("chat.v2", "chat.v1")
                .maxFrameSize(8 * 1024 * 1024).maxMessageSize(8 * 1024 * 1024).build());
        BlockingQueue<Optional<String>> serverSubprotocol = new LinkedBlockingQueue<>();
        server.onConnected(session -> serverSubprotocol.add(WebSocketSession.of(session).subprotocol()));
        Recorder recorder = new Recorder();
        WebSocket jdk = open(server, recorder, "chat.v1", "chat.v2");

        assertThat(jdk.getSubprotocol()).isEqualTo("chat.v2");
        assertThat(take(serverSubprotocol)).contains("chat.v2");

        Await.result(jdk.sendText("héllo", true));
        assertThat(take(recorder.messages)).isEqualTo("héllo");

        byte[] data = new byte[1000];
        new Random(1).nextBytes(data);
        Await.result(jdk.sendBinary(ByteBuffer.wrap(data), true));
        assertThat(take(recorder.messages)).isEqualTo(data);

        String large = "0123456789abcdef€".repeat(120_000);
        Await.result(jdk.sendText(large, true));
        assertThat(take(recorder.messages)).isEqualTo(large);

        byte[] largeBinary = new byte[3 * 1024 * 1024];
        new Random(2).nextBytes(largeBinary);
        Await.result(jdk.sendBinary(ByteBuffer.wrap(largeBinary), true));
        assertThat(take(recorder.messages)).isEqualTo(largeBinary);

        Await.result(jdk.sendText("frag", false));
        Await.result(jdk.sendText("men", false));
        Await.result(jdk.sendText("ted", true));
        assertThat(take(recorder.messages)).isEqualTo("fragmented");

        Await.result(jdk.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))));
        assertThat(take(recorder.pongs)).isEqualTo("are you there");
    }

    @Test
    void jdkAnswersTheServersHeartbeat() {
        StormWebSocketServer server = echoServer(WebSocketServerOptions.builder()
                .heartbeat(Heartbeat.every(Duration.ofMillis(200), 3)).build());
        BlockingQueue<CloseReason> disconnects = new LinkedBlockingQueue<>();
        server.onDisconnected((session, reason) -> disconnects.add(reason));
        Recorder recorder = new Recorder();
        WebSocket jdk = open(server, recorder);

        // Eight pings is more than twice the missed-pong limit: only answered pings keep it open.
        Await.until("eight pings reached the JDK client", () -> recorder.pings.get() >= 8);
        assertThat(disconnects).isEmpty();
        Await.result(jdk.sendText("still open", true));
        assertThat(take(recorder.messages)).isEqualTo("still open");
    }

    @Test
    void closeFromTheJdkClientReachesTheServerWithItsCode() {
        StormWebSocketServer server = echoServer(WebSocketServerOptions.defaults());
        BlockingQueue<Optional<WebSocketCloseStatus>> serverSaw = new LinkedBlockingQueue<>();
        BlockingQueue<CloseReason> reasons = new LinkedBlockingQueue<>();
        server.onDisconnected((session, reason) -> {
            reasons.add(reason);
            serverSaw.add(WebSocketSession.of(session).peerCloseStatus());
        });
        Recorder recorder = new Recorder();
        WebSocket jdk = open(server, recorder);

        Await.result(jdk.sendClose(4000, "client leaving"));

        assertThat(take(serverSaw)).contains(new WebSocketCloseStatus(4000, "client leaving"));
        assertThat(take(reasons)).isEqualTo(CloseReason.REMOTE_CLOSE);
        assertThat(Await.result(recorder.closed).code()).isEqualTo(4000);
    }

    @Test
    void closeFromTheServerReachesTheJdkClientWithItsCodeAndReason() {
        StormWebSocketServer server = ws.server(WebSocketServerOptions.defaults());
        server.onMessageReceived((session, message) -> WebSocketSession.of(session).close(4001, message.text()));
        BlockingQueue<Session> closed = new LinkedBlockingQueue<>();
        server.onDisconnected((session, reason) -> closed.add(session));
        Await.result(server.start());
        Recorder recorder = new Recorder();
        WebSocket jdk = open(server, recorder);

        Await.result(jdk.sendText("server says bye", true));

        assertThat(Await.result(recorder.closed)).isEqualTo(new Recorder.Closed(4001, "server says bye"));
        Session session = take(closed);
        assertThat(Await.result(session.closeFuture())).isEqualTo(CloseReason.LOCAL_CLOSE);
        assertThat(WebSocketSession.of(session).peerCloseStatus()).hasValueSatisfying(
                status -> assertThat(status.code()).isEqualTo(4001));
    }
}
