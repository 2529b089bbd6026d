package io.stormsocket.websocket;

import static io.stormsocket.websocket.WsFixture.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.testing.Await;
import io.stormsocket.testing.Sockets;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slowloris: the handshake timeout runs from the TCP connect, so neither a peer that trickles its
 * request nor one that sends nothing holds a connection past it. The bounds are generous; only
 * "well before the trickled request could finish" matters.
 */
class HandshakeTimeoutTest {
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration GENEROUS_BOUND = Duration.ofSeconds(5);

    @RegisterExtension
    final WsFixture ws = new WsFixture();

    private final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    private final AtomicInteger connected = new AtomicInteger();
    private StormWebSocketServer server;

    @BeforeEach
    void startServer() {
        server = ws.server(WebSocketServerOptions.builder().handshakeTimeout(HANDSHAKE_TIMEOUT).build());
        server.onError((session, error) -> errors.add(error));
        server.onConnected(session -> connected.incrementAndGet());
        Await.result(server.start());
    }

    @Test
    void peerTricklingItsRequestIsClosedBeforeItCompletes() throws Exception {
        byte[] request = RawHttp.upgrade("/").getBytes(StandardCharsets.ISO_8859_1);
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        ws.closeAfter((AutoCloseable) trickler::shutdownNow);
        AtomicInteger sent = new AtomicInteger();

        try (Socket socket = RawHttp.connect(server.port())) {
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            ScheduledFuture<?> trickle = trickler.scheduleAtFixedRate(() -> {
                int next = sent.get();
                if (next < request.length) {
                    try {
                        out.write(request[next]);
                        out.flush();
                        sent.incrementAndGet();
                    } catch (IOException closed) {
                        throw new IllegalStateException("server closed the connection", closed);
                    }
                }
            }, 0, 200, TimeUnit.MILLISECONDS);

            Sockets.assertClosedByPeer(socket);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            trickle.cancel(false);

            assertThat(elapsed).isLessThan(GENEROUS_BOUND);
            assertThat(sent.get()).as("bytes of the request sent before the close").isLessThan(request.length);
        }
        assertThat(take(errors)).isInstanceOfSatisfying(WebSocketHandshakeException.class,
                e -> assertThat(e.status()).isZero());
        assertThat(connected).hasValue(0);
    }

    @Test
    void peerSendingNothingIsClosed() throws Exception {
        try (Socket socket = RawHttp.connect(server.port())) {
            long start = System.nanoTime();
            Sockets.assertClosedByPeer(socket);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GENEROUS_BOUND);
        }
        assertThat(take(errors)).isInstanceOfSatisfying(WebSocketHandshakeException.class,
                e -> assertThat(e.status()).isZero());
        assertThat(connected).hasValue(0);
        assertThat(server.storm().sessionCount()).isZero();
    }
}
