package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.StormExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Half-open peers (issue 9): a client whose side is gone without a FIN or a reset, simulated by a
 * socket that exchanges one line and then neither sends nor reads again while staying open. The
 * server's reader idle timeout finds each one and closes it with {@link CloseReason#IDLE_TIMEOUT},
 * the registry shrinks back to the healthy sessions, and those stay connected. No timing is
 * asserted beyond the test's deadlines; the measured detection time is logged.
 */
class HalfOpenPeerTest {
    private static final Logger LOG = LoggerFactory.getLogger(HalfOpenPeerTest.class);
    private static final Duration READER_IDLE = Duration.ofSeconds(1);
    /** Healthy clients send this often: a tenth of the idle timeout leaves room for a loaded machine. */
    private static final Duration KEEP_ALIVE = READER_IDLE.dividedBy(10);
    private static final int HEALTHY = 3;
    private static final int HALF_OPEN = 5;

    @RegisterExtension
    final StormExtension storm = new StormExtension();

    @Test
    void halfOpenPeersAreClosedByTheReaderIdleTimeoutAndLeaveTheRegistry() throws Exception {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines())
                .idleTimeouts(IdleTimeouts.builder().reader(READER_IDLE).build()));
        server.onDataReceived((session, data) -> session.send(data.text()));
        Map<Session, CloseReason> closed = new ConcurrentHashMap<>();
        Map<Session, Long> closedAt = new ConcurrentHashMap<>();
        server.onDisconnected((session, reason) -> {
            closedAt.put(session, System.nanoTime());
            closed.put(session, reason);
        });
        storm.start(server);

        ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor();
        storm.closeAfter(keepAlive::shutdownNow);
        for (int i = 0; i < HEALTHY; i++) {
            StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
            Await.result(client.connect());
            keepAlive.scheduleWithFixedDelay(() -> client.send("alive"), 0, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        }

        // Each half-open peer's local port (its session's remote port), and when it fell silent.
        Map<Integer, Long> silentSince = new ConcurrentHashMap<>();
        for (int i = 0; i < HALF_OPEN; i++) {
            Socket peer = storm.closeAfter(new Socket());
            peer.connect(new InetSocketAddress("127.0.0.1", server.port()));
            peer.setSoTimeout((int) Await.TIMEOUT.toMillis());
            OutputStream out = peer.getOutputStream();
            out.write("last words\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("last words");
            // From here on the peer neither sends nor reads, and never closes: its side is "gone".
            silentSince.put(peer.getLocalPort(), System.nanoTime());
        }
        Await.until("the server opened every session", () -> server.sessionCount() == HEALTHY + HALF_OPEN);

        Await.until("every half-open peer was closed", () -> closed.size() == HALF_OPEN, Await.TIMEOUT.multipliedBy(2));
        long slowestMs = 0;
        for (Map.Entry<Session, CloseReason> entry : closed.entrySet()) {
            int port = ((InetSocketAddress) entry.getKey().remoteAddress()).getPort();
            assertThat(silentSince).as("only half-open peers were closed").containsKey(port);
            assertThat(entry.getValue()).isEqualTo(CloseReason.IDLE_TIMEOUT);
            slowestMs = Math.max(slowestMs, Duration.ofNanos(closedAt.get(entry.getKey()) - silentSince.get(port)).toMillis());
        }
        LOG.info("{} half-open TCP peers detected; slowest {} ms after it fell silent (reader idle timeout {} ms)",
                HALF_OPEN, slowestMs, READER_IDLE.toMillis());
        Await.until("the registry holds only the healthy sessions", () -> server.sessions().count() == HEALTHY);
        assertThat(server.sessionCount()).isEqualTo(HEALTHY);
        assertThat(server.sessions().all()).allMatch(Session::isOpen);
    }
}
