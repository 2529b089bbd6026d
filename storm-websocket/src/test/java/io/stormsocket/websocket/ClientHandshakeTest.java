package io.stormsocket.websocket;

import static io.stormsocket.websocket.AuthenticationTest.handshakeFailure;
import static io.stormsocket.websocket.WsFixture.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client's side of the opening handshake (RFC 6455 section 4.1) against a fake server that
 * answers one canned response: every part of a 101 is checked before the session opens, and a
 * server that never answers is cut off by the client's handshake timeout.
 */
class ClientHandshakeTest {
    @RegisterExtension
    final WsFixture ws = new WsFixture();

    /** {@code Sec-WebSocket-Accept} for a key, computed as RFC 6455 section 4.2.2 says. */
    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String switching(String key, String... extraHeaders) {
        StringBuilder response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept(key) + "\r\n");
        for (String header : extraHeaders) {
            response.append(header).append("\r\n");
        }
        return response.append("\r\n").toString();
    }

    /**
     * Starts a one-connection server that reads the upgrade request, hands its head to the test,
     * writes {@code answer(key)} (nothing when null) and then holds the connection until the
     * client closes it.
     */
    private int fakeServer(Function<String, String> answer, BlockingQueue<String> requests) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ExecutorService thread = Executors.newSingleThreadExecutor();
        ws.closeAfter((AutoCloseable) thread::shutdownNow);
        ws.closeAfter(server);
        thread.execute(() -> {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout((int) Await.TIMEOUT.toMillis() * 2);
                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.append((char) b);
                }
                requests.add(head.toString());
                String key = head.toString().lines().filter(line -> line.toLowerCase(Locale.ROOT)
                        .startsWith("sec-websocket-key:")).map(line -> line.substring(line.indexOf(':') + 1).trim())
                        .findFirst().orElse("");
                String response = answer.apply(key);
                if (response != null) {
                    socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                }
                while (in.read() >= 0) {
                    // hold the connection until the client gives up on it
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        return server.getLocalPort();
    }

    private StormWebSocketClient client(int port, WebSocketClientOptions options) {
        return ws.client(URI.create("ws://127.0.0.1:" + port + "/fake?x=1"), ClientConfig.builder(), options);
    }

    static Stream<Arguments> unacceptableAnswers() {
        // A 101 computed for some other key.
        Function<String, String> wrongAccept = key -> switching("AAAAAAAAAAAAAAAAAAAAAA==");
        return Stream.of(
                Arguments.of("wrong Sec-WebSocket-Accept", wrongAccept, 101),
                Arguments.of("no Upgrade header", (Function<String, String>) key -> switching(key)
                        .replace("Upgrade: websocket\r\n", ""), 101),
                Arguments.of("subprotocol not offered", (Function<String, String>) key -> switching(key,
                        "Sec-WebSocket-Protocol: graphql-ws"), 101),
                Arguments.of("unknown extension", (Function<String, String>) key -> switching(key,
                        "Sec-WebSocket-Extensions: x-webkit-deflate-frame"), 101),
                Arguments.of("refusal", (Function<String, String>) key ->
                        "HTTP/1.1 403 Forbidden\r\nContent-Length: 2\r\n\r\nno", 403),
                Arguments.of("not HTTP", (Function<String, String>) key -> "SSH-2.0-OpenSSH_9.0\r\n\r\n", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unacceptableAnswers")
    void unacceptableAnswerFailsTheConnect(String name, Function<String, String> answer, int status) throws Exception {
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        StormWebSocketClient client = client(fakeServer(answer, requests), WebSocketClientOptions.defaults());
        BlockingQueue<Object> opened = new LinkedBlockingQueue<>();
        client.onConnected(opened::add);

        WebSocketHandshakeException failure = handshakeFailure(Await.failure(client.connect()));

        assertThat(failure.status()).as(name).isEqualTo(status);
        assertThat(opened).isEmpty();
        assertThat(client.storm().isConnected()).isFalse();
    }

    @Test
    void extensionAnsweredWithoutAnOfferFailsTheConnect() throws Exception {
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        StormWebSocketClient client = client(fakeServer(key -> switching(key, "Sec-WebSocket-Extensions: permessage-deflate"),
                requests), WebSocketClientOptions.builder().compression(DeflateOptions.disabled()).build());

        assertThat(handshakeFailure(Await.failure(client.connect())).status()).isEqualTo(101);
        assertThat(take(requests).toLowerCase(Locale.ROOT)).doesNotContain("sec-websocket-extensions");
    }

    @Test
    void requestCarriesWhatTheRfcAsksFor() throws Exception {
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        StormWebSocketClient client = client(fakeServer(key -> switching(key, "Sec-WebSocket-Protocol: chat.v1"), requests),
                WebSocketClientOptions.builder().subprotocols("chat.v2", "chat.v1").origin("https://app.example")
                        .header("Authorization", "Bearer t0ken")
                        // The fake server never answers a Close: do not wait the default 5 s at teardown.
                        .closeTimeout(Duration.ofMillis(200)).build());

        assertThat(WebSocketSession.of(Await.result(client.connect())).subprotocol()).contains("chat.v1");

        String request = take(requests);
        assertThat(request).startsWith("GET /fake?x=1 HTTP/1.1\r\n");
        String lower = request.toLowerCase(Locale.ROOT);
        assertThat(lower).contains("\r\nhost: 127.0.0.1:", "\r\nupgrade: websocket\r\n", "\r\nconnection: upgrade\r\n",
                "\r\nsec-websocket-version: 13\r\n", "\r\nsec-websocket-protocol: chat.v2, chat.v1\r\n",
                "\r\norigin: https://app.example\r\n", "\r\nauthorization: bearer t0ken\r\n",
                "\r\nsec-websocket-extensions: permessage-deflate");
        String key = request.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElseThrow();
        assertThat(Base64.getDecoder().decode(key)).hasSize(16);
    }

    @Test
    void silentServerIsCutOffByTheClientsHandshakeTimeout() throws Exception {
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        StormWebSocketClient client = client(fakeServer(key -> null, requests), WebSocketClientOptions.builder()
                .handshakeTimeout(Duration.ofSeconds(1)).build());

        long start = System.nanoTime();
        WebSocketHandshakeException failure = handshakeFailure(Await.failure(client.connect()));

        assertThat(failure.status()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        take(requests);
    }
}
