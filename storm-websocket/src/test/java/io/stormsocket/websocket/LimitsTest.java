package io.stormsocket.websocket;

import static io.stormsocket.websocket.WsFixture.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Session;
import io.stormsocket.core.Subscription;
import io.stormsocket.testing.Await;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Size limits end to end, Storm client to Storm server: an oversized message and a decompression
 * bomb each end their own session with 1009 while a bystander session keeps working. The leak
 * detector (paranoid, failing) checks that nothing of the refused messages is left behind.
 */
class LimitsTest {
    private static final int LIMIT = 1024 * 1024;

    @RegisterExtension
    final WsFixture ws = new WsFixture();

    private final BlockingQueue<Throwable> serverErrors = new LinkedBlockingQueue<>();
    private final BlockingQueue<CloseReason> serverDisconnects = new LinkedBlockingQueue<>();

    private StormWebSocketServer limitedEchoServer() {
        StormWebSocketServer server = ws.server(WebSocketServerOptions.builder().maxFrameSize(LIMIT).maxMessageSize(LIMIT)
                .build());
        server.onMessageReceived((session, message) -> session.sendFrame(message.retain()));
        server.onError((session, error) -> serverErrors.add(error));
        server.onDisconnected((session, reason) -> serverDisconnects.add(reason));
        Await.result(server.start());
        return server;
    }

    private StormWebSocketClient bystander(StormWebSocketServer server) {
        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.defaults());
        Await.result(client.connect());
        assertEchoes(client, "before");
        return client;
    }

    private static void assertEchoes(StormWebSocketClient client, String text) {
        BlockingQueue<WsFixture.Received> echoes = new LinkedBlockingQueue<>();
        Subscription subscription = client.onMessageReceived((s, m) -> echoes.add(new WsFixture.Received(s, m.type(),
                m.bytes())));
        try {
            client.send(text);
            assertThat(take(echoes).text()).isEqualTo(text);
        } finally {
            subscription.close();
        }
    }

    /** Connects, sends {@code data}, and returns the Close status the server answered with. */
    private Optional<WebSocketCloseStatus> sendAndAwaitPeerClose(StormWebSocketServer server, DeflateOptions compression,
                                                                 byte[] data) {
        StormWebSocketClient client = ws.client(server, "/", WebSocketClientOptions.builder().compression(compression)
                .build());
        BlockingQueue<Optional<WebSocketCloseStatus>> peerClose = new LinkedBlockingQueue<>();
        client.onDisconnected((session, reason) -> peerClose.add(WebSocketSession.of(session).peerCloseStatus()));
        Session session = Await.result(client.connect());
        assertThat(WebSocketSession.of(session).isCompressed()).isEqualTo(compression.enabled());
        client.send(data);
        return take(peerClose);
    }

    @Test
    void messageOverTheLimitClosesWith1009AndSparesOtherSessions() {
        StormWebSocketServer server = limitedEchoServer();
        StormWebSocketClient bystander = bystander(server);

        Optional<WebSocketCloseStatus> status = sendAndAwaitPeerClose(server, DeflateOptions.disabled(), new byte[LIMIT + 1]);

        assertThat(status).hasValueSatisfying(s -> assertThat(s.code()).isEqualTo(WebSocketCloseStatus.TOO_BIG));
        assertThat(take(serverErrors)).isInstanceOfSatisfying(WebSocketProtocolException.class,
                e -> assertThat(e.getMessage()).contains(Integer.toString(LIMIT)));
        assertThat(take(serverDisconnects)).isEqualTo(CloseReason.PROTOCOL_ERROR);
        assertEchoes(bystander, "after");
        assertThat(server.storm().sessionCount()).isEqualTo(1);
    }

    @Test
    void deflateBombClosesWith1009AndSparesOtherSessions() {
        StormWebSocketServer server = limitedEchoServer();
        StormWebSocketClient bystander = bystander(server);

        // 64 MiB of zeros deflate to about 64 KiB: far below the frame limit on the wire, 64 times
        // the message limit once inflated.
        Optional<WebSocketCloseStatus> status = sendAndAwaitPeerClose(server,
                DeflateOptions.builder().compressionLevel(9).build(), new byte[64 * 1024 * 1024]);

        assertThat(status).hasValueSatisfying(s -> assertThat(s.code()).isEqualTo(WebSocketCloseStatus.TOO_BIG));
        assertThat(take(serverErrors)).isInstanceOfSatisfying(WebSocketProtocolException.class,
                e -> assertThat(e.getMessage()).contains("inflates beyond"));
        assertThat(take(serverDisconnects)).isEqualTo(CloseReason.PROTOCOL_ERROR);
        assertEchoes(bystander, "after");
        assertThat(server.storm().sessionCount()).isEqualTo(1);
    }
}
