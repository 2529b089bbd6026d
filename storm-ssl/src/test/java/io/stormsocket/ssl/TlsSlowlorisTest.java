package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.Sockets;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A slowloris attack on the TLS handshake: hundreds of sockets each send a TLS record header and
 * the start of a ClientHello that claims 16 MiB, then stall. The server must buffer no more than
 * what arrived (the heap grows by well under 32 MiB, where honouring the claims would take
 * gigabytes), close every one when the handshake timeout runs out, report each as a TLS failure
 * of a session that never opened, and meanwhile still serve a healthy TLS client. The healthy
 * client's connect time and the time until the last attacker is closed are printed as the figures
 * to record; no timing is asserted beyond "closed by a generous deadline".
 *
 * <p>Full size: {@code -Dstorm.slowloris.sockets=1000}.
 */
class TlsSlowlorisTest {
    private static final int SOCKETS = Integer.getInteger("storm.slowloris.sockets", 300);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);
    private static final long MAX_HEAP_GROWTH = 32L * 1024 * 1024;
    /**
     * A handshake record header (type 22, TLS 1.0 record version, 16,384 bytes) and the header of a
     * ClientHello inside it claiming 2^24 - 1 bytes; nothing follows.
     */
    private static final byte[] STALLED_HELLO = {0x16, 0x03, 0x01, 0x40, 0x00, 0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    @RegisterExtension
    final StormExtension storm = new StormExtension();

    @Test
    void stalledHandshakesClaimingMegabytesAreClosedOnTimeWhileAHealthyClientIsServed() throws Exception {
        StormServer server = Tls.echoServer(storm, Tls.serverOptions(TlsProvider.JDK)
                .handshakeTimeout(HANDSHAKE_TIMEOUT).build());
        AtomicInteger tlsFailures = new AtomicInteger();
        AtomicInteger sessions = new AtomicInteger();
        server.onError((session, error) -> {
            if (error instanceof SSLException) {
                tlsFailures.incrementAndGet();
            }
        });
        server.onConnected(session -> sessions.incrementAndGet());
        // The same client before the attack: warms the handshake code up and gives the figure to compare with.
        long quietMicros = timedConnectAndEcho(server);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = usedHeapAfterGc(memory);
        List<Socket> attackers = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < SOCKETS; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                attackers.add(socket);
                socket.getOutputStream().write(STALLED_HELLO);
                socket.getOutputStream().flush();
            }

            // During the attack, a healthy client completes its handshake and gets its echo.
            long connectMicros = timedConnectAndEcho(server);
            long heapGrowth = usedHeapAfterGc(memory) - heapBefore;
            System.out.printf("tls slowloris: %d stalled handshakes; a healthy client connected in %d us during the"
                    + " attack (%d us before it); heap grew by %d KiB%n", SOCKETS, connectMicros, quietMicros,
                    heapGrowth / 1024);
            assertThat(heapGrowth).as("heap growth with %d stalled handshakes", SOCKETS).isLessThan(MAX_HEAP_GROWTH);

            Await.until("every stalled socket closed by the server",
                    () -> attackers.stream().allMatch(Sockets::isClosedByPeer), HANDSHAKE_TIMEOUT.plusSeconds(10));
            long closedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("tls slowloris: all %d closed within %d ms of the first connect (timeout %d ms)%n",
                    SOCKETS, closedAfterMillis, HANDSHAKE_TIMEOUT.toMillis());
            Await.until("every timeout reported", () -> tlsFailures.get() == SOCKETS);
            assertThat(sessions.get()).as("only the healthy clients became sessions").isEqualTo(2);
        } finally {
            for (Socket socket : attackers) {
                socket.close();
            }
        }
    }

    /** Connects a TLS client, checks an echo, disconnects; returns the connect time in microseconds. */
    private long timedConnectAndEcho(StormServer server) {
        long before = System.nanoTime();
        try (StormClient healthy = Tls.client(storm, server, Tls.trustingCa(TlsProvider.JDK).build())) {
            EventRecorder events = EventRecorder.attach(healthy);
            Await.result(healthy.connect());
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - before);
            events.awaitConnected();
            Tls.assertEcho(healthy, events, "still served");
            return micros;
        }
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
