package io.stormsocket.websocket;

import static io.stormsocket.websocket.WsFixture.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.ssl.SelfSignedCertificates;
import io.stormsocket.ssl.TlsClientOptions;
import io.stormsocket.ssl.TlsServerOptions;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.Sockets;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code wss://}: a Storm server with TLS from storm-ssl, reached by Storm's client and by the JDK's. */
class WssTest {
    private static SelfSignedCertificates certificates;

    @RegisterExtension
    final WsFixture ws = new WsFixture();

    private StormWebSocketServer server;

    @BeforeAll
    static void certificates() {
        certificates = SelfSignedCertificates.create("localhost");
    }

    @BeforeEach
    void tlsEchoServer() {
        server = ws.closeAfter(StormWebSocketServer.create(ServerConfig.builder()
                        .endpoint(Endpoint.tcp("127.0.0.1", 0))
                        .tls(TlsServerOptions.builder().keyMaterial(certificates.keyMaterial()).build()),
                WebSocketServerOptions.builder().subprotocols("secure.v1").build()));
        server.onMessageReceived((session, message) -> session.sendFrame(message.retain()));
        Await.result(server.start());
    }

    private URI wss(String path) {
        return URI.create("wss://localhost:" + server.port() + path);
    }

    @Test
    void stormClientEchoesOverWss() {
        StormWebSocketClient client = ws.client(wss("/secure"),
                ClientConfig.builder().tls(TlsClientOptions.builder().trust(certificates.trustMaterial()).build()),
                WebSocketClientOptions.builder().subprotocols("secure.v1").build());
        BlockingQueue<WsFixture.Received> echoes = WsFixture.messages(client);
        Session session = Await.result(client.connect());
        assertThat(WebSocketSession.of(session).subprotocol()).contains("secure.v1");
        assertThat(WebSocketSession.of(session).isCompressed()).isTrue();

        client.send("over TLS");
        assertThat(take(echoes).text()).isEqualTo("over TLS");
        byte[] data = new byte[200_000];
        new Random(5).nextBytes(data);
        client.send(data);
        assertThat(take(echoes).bytes()).isEqualTo(data);
    }

    @Test
    void jdkClientEchoesOverWss() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(certificates.trustStore());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient http = JdkInteropTest.httpClient(ws, tls);
        JdkInteropTest.Recorder recorder = new JdkInteropTest.Recorder();

        WebSocket jdk = Await.result(http.newWebSocketBuilder().connectTimeout(Await.TIMEOUT)
                .buildAsync(wss("/jdk"), recorder));
        Await.result(jdk.sendText("jdk over TLS", true));
        assertThat(take(recorder.messages)).isEqualTo("jdk over TLS");
        byte[] data = new byte[100_000];
        new Random(6).nextBytes(data);
        Await.result(jdk.sendBinary(ByteBuffer.wrap(data), true));
        assertThat(take(recorder.messages)).isEqualTo(data);
        Await.result(jdk.sendClose(WebSocket.NORMAL_CLOSURE, ""));
        assertThat(Await.result(recorder.closed).code()).isEqualTo(WebSocket.NORMAL_CLOSURE);
    }

    @Test
    void handshakeTimeoutCoversTheTlsHandshake() throws Exception {
        StormWebSocketServer strict = ws.closeAfter(StormWebSocketServer.create(ServerConfig.builder()
                        .endpoint(Endpoint.tcp("127.0.0.1", 0))
                        .tls(TlsServerOptions.builder().keyMaterial(certificates.keyMaterial()).build()),
                WebSocketServerOptions.builder().handshakeTimeout(Duration.ofSeconds(1)).build()));
        BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
        strict.onError((session, error) -> errors.add(error));
        Await.result(strict.start());

        try (Socket silent = RawHttp.connect(strict.port())) {
            long start = System.nanoTime();
            Sockets.assertClosedByPeer(silent);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(take(errors)).isInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void schemeAndTlsMustAgree() {
        assertThatThrownBy(() -> StormWebSocketClient.create(wss("/"), ClientConfig.builder(),
                WebSocketClientOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wss://");
        assertThatThrownBy(() -> StormWebSocketClient.create(URI.create("ws://localhost:" + server.port() + "/"),
                ClientConfig.builder().tls(TlsClientOptions.builder().trust(certificates.trustMaterial()).build()),
                WebSocketClientOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ws://");
    }
}
