package io.stormsocket.websocket.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormResources;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.ssl.SelfSignedCertificates;
import io.stormsocket.ssl.TlsClientOptions;
import io.stormsocket.ssl.TlsServerOptions;
import io.stormsocket.testing.Await;
import io.stormsocket.websocket.Heartbeat;
import io.stormsocket.websocket.StormWebSocketClient;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketClientOptions;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CI-sized soak: steady TCP and WebSocket sessions exchange messages (WebSocket with a
 * heartbeat) while other connections, with TLS and without, open and close continuously; then
 * everything closes. Nothing may be lost, and every count must return to where it started:
 * sessions and group members to zero, file descriptors to their starting number (within a small
 * slack for the JVM's own), and the heap to near its starting level. Netty's leak detector
 * (PARANOID) watches every buffer throughout.
 *
 * <p>Larger: {@code -Dstorm.soak.sessions=2000 -Dstorm.soak.seconds=10} (passed in 15 s on the
 * 2-core development machine). Every steady session costs four descriptors in this one JVM (a TCP
 * and a WebSocket pair, both ends), and a process there holds 20,000 files; beyond about 2,000 the
 * simultaneous connects also overflow the kernel's accept queue. The full-size soak (10,000
 * sessions, clients in a second JVM, paced connects) is the benchmarks module's {@code soak-bench}.
 */
class SoakTest {
    private static final int SESSIONS = Integer.getInteger("storm.soak.sessions", 500);
    private static final int MESSAGES = Integer.getInteger("storm.soak.messages", 20);
    private static final Duration CHURN = Duration.ofSeconds(Long.getLong("storm.soak.seconds", 3));
    /** Live heap may grow this much over the run and still count as back near its start. */
    private static final long HEAP_SLACK = 16L * 1024 * 1024;
    /** Descriptors the JVM itself may open meanwhile (class files, jars, timers). */
    private static final int FD_SLACK = 32;

    @Test
    void steadySessionsAndChurnLoseNothingAndLeaveNothingBehind() throws Exception {
        long heapBefore = liveHeap();
        long fdsBefore = openFiles();
        SelfSignedCertificates certificate = SelfSignedCertificates.create("localhost", "127.0.0.1");
        StormResources resources = StormResources.create(2);
        StormServer tcp = StormServer.create(ServerConfig.builder().endpoint(Endpoint.tcp("127.0.0.1", 0))
                .codec(FrameCodecs.lengthPrefix()).resources(resources).build());
        tcp.onConnected(session -> session.join("everyone"));
        tcp.onDataReceived((session, data) -> session.send(data));
        StormServer tls = StormServer.create(ServerConfig.builder().endpoint(Endpoint.tcp("127.0.0.1", 0))
                .codec(FrameCodecs.lengthPrefix()).resources(resources)
                .tls(TlsServerOptions.builder().keyMaterial(certificate.keyMaterial()).build()).build());
        tls.onDataReceived((session, data) -> session.send(data));
        StormWebSocketServer ws = StormWebSocketServer.create(ServerConfig.builder()
                .endpoint(Endpoint.tcp("127.0.0.1", 0)).resources(resources),
                WebSocketServerOptions.builder().heartbeat(Heartbeat.every(Duration.ofMillis(500), 3)).build());
        ws.onConnected(session -> session.join("everyone"));
        ws.onMessageReceived((session, message) -> session.sendFrame(message.retain()));
        Map<CloseReason, AtomicLong> wsEnds = new ConcurrentHashMap<>();
        ws.onDisconnected((session, reason) -> wsEnds.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet());
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        ws.onError((session, error) -> errors.add(error));
        tcp.onError((session, error) -> errors.add(error));
        Await.result(tcp.start());
        Await.result(tls.start());
        Await.result(ws.start());

        AtomicLong tcpEchoed = new AtomicLong();
        AtomicLong wsEchoed = new AtomicLong();
        List<AutoCloseable> steady = new ArrayList<>();
        List<CompletableFuture<?>> connects = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            StormClient client = StormClient.create(ClientConfig.builder().endpoint("127.0.0.1", tcp.port())
                    .codec(FrameCodecs.lengthPrefix()).resources(resources).build());
            client.onDataReceived((session, data) -> tcpEchoed.incrementAndGet());
            steady.add(client);
            connects.add(client.connect());
            StormWebSocketClient wsClient = StormWebSocketClient.create(
                    URI.create("ws://127.0.0.1:" + ws.port() + "/soak"),
                    ClientConfig.builder().resources(resources), WebSocketClientOptions.defaults());
            wsClient.onMessageReceived((session, message) -> wsEchoed.incrementAndGet());
            wsClient.onError((session, error) -> errors.add(error));
            steady.add(wsClient);
            connects.add(wsClient.connect());
        }
        CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        try {
            Await.until("every steady session open on the servers", () -> tcp.sessionCount() == SESSIONS
                    && ws.storm().sessionCount() == SESSIONS);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": TCP " + tcp.sessionCount() + ", WebSocket "
                    + ws.storm().sessionCount() + " of " + SESSIONS + " each", e);
        }
        System.out.printf("soak: %d TCP and %d WebSocket steady sessions open%n", tcp.sessionCount(),
                ws.storm().sessionCount());

        // Churn with and without TLS while the steady sessions talk.
        CompletableFuture<Integer> churn = CompletableFuture.supplyAsync(() -> churn(resources, tcp.port(), tls.port(),
                certificate));
        for (int m = 0; m < MESSAGES; m++) {
            for (AutoCloseable client : steady) {
                if (client instanceof StormClient c) {
                    c.send("tcp message " + m);
                } else {
                    ((StormWebSocketClient) client).send("ws message " + m);
                }
            }
        }
        long expected = 2L * SESSIONS * MESSAGES;
        try {
            Await.until("every message echoed", () -> tcpEchoed.get() + wsEchoed.get() >= expected, Duration.ofSeconds(40));
        } catch (AssertionError e) {
            throw new AssertionError("echoed " + tcpEchoed.get() + " TCP and " + wsEchoed.get() + " WebSocket messages of "
                    + expected / 2 + " each; WebSocket sessions ended so far: " + wsEnds, e);
        }
        assertThat(churn.get(60, TimeUnit.SECONDS)).isPositive();
        assertThat(errors).as("errors on any session").isEmpty();
        assertThat(tcpEchoed.get()).isEqualTo(expected / 2);
        assertThat(wsEchoed.get()).isEqualTo(expected / 2);
        // Churn connections join the group too; the last one's close may still be on its way.
        Await.until("only the steady sessions left in the group",
                () -> tcp.groups().memberCount("everyone") == SESSIONS);

        for (AutoCloseable client : steady) {
            client.close();
        }
        Await.until("every session gone", () -> tcp.sessionCount() == 0 && tls.sessionCount() == 0
                && ws.storm().sessionCount() == 0, Duration.ofSeconds(30));
        assertThat(tcp.groups().memberCount("everyone")).isZero();
        assertThat(ws.storm().groups().memberCount("everyone")).isZero();
        assertThat(tcp.groups().names()).isEmpty();
        tcp.close();
        tls.close();
        ws.close();
        assertThat(resources.shutdown(Duration.ofSeconds(10))).isTrue();

        Await.until("file descriptors back near " + fdsBefore, () -> openFiles() <= fdsBefore + FD_SLACK,
                Duration.ofSeconds(10));
        long heapAfter = liveHeap();
        assertThat(heapAfter - heapBefore).as("live heap growth after the soak").isLessThan(HEAP_SLACK);
    }

    /** Opens and closes connections (every fourth over TLS) until the churn time is up; returns how many. */
    private static int churn(StormResources resources, int tcpPort, int tlsPort, SelfSignedCertificates certificate) {
        long end = System.nanoTime() + CHURN.toNanos();
        int cycles = 0;
        while (System.nanoTime() < end) {
            boolean secure = cycles % 4 == 3;
            ClientConfig.Builder config = ClientConfig.builder().endpoint("127.0.0.1", secure ? tlsPort : tcpPort)
                    .codec(FrameCodecs.lengthPrefix()).resources(resources);
            if (secure) {
                config.tls(TlsClientOptions.builder().trust(certificate.trustMaterial()).build());
            }
            try (StormClient client = StormClient.create(config.build())) {
                CompletableFuture<String> reply = new CompletableFuture<>();
                client.onDataReceived((session, data) -> reply.complete(data.text()));
                Await.result(client.connect());
                client.send("churn " + cycles);
                assertThat(Await.result(reply)).isEqualTo("churn " + cycles);
            }
            cycles++;
        }
        return cycles;
    }

    private static long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd", e);
        }
    }

    private static long liveHeap() {
        // Several full collections; the lowest reading is the live heap (reference processing can
        // leave garbage for the next one).
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
