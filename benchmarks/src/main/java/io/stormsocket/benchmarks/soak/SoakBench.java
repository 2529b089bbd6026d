package io.stormsocket.benchmarks.soak;

import io.stormsocket.benchmarks.ChildJvm;
import io.stormsocket.benchmarks.JvmGauges;
import io.stormsocket.ssl.SelfSignedCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code soak-bench --proto tcp|ws [--sessions 10000] [--messages 20] [-z 30] [--churn-workers 8]
 * [--heartbeat 5] [--io-threads 2] [--heap-bound-mib 12] [--fd-slack 32]}: the full-size soak.
 *
 * <p>This JVM runs the servers ({@link SoakServers}) with Netty's leak detector at
 * {@code PARANOID}; a second JVM (hidden command {@code soak-clients}) opens the steady sessions,
 * sends their numbered messages over the hold time while the churn runs, and closes them. Then
 * this JVM checks that every session and group member is gone, that its descriptors and live heap
 * are back near where they were before the clients connected, and that neither JVM reported a
 * leak, and prints one {@code RESULT} line. The command exits 1 if the run was not {@code ok}.
 */
public final class SoakBench {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private SoakBench() {
    }

    /**
     * Runs the command, prints its result and exits 1 if it is not {@code ok}.
     *
     * @param args the options
     * @throws Exception if the servers or the client JVM fail
     */
    public static void main(String[] args) throws Exception {
        SoakResult result = run(SoakOptions.parse(args));
        System.out.println(result.line());
        if (!result.ok()) {
            System.exit(1);
        }
    }

    /**
     * Runs one soak.
     *
     * @param options the options
     * @return what was measured
     * @throws Exception if the servers or the client JVM fail
     */
    public static SoakResult run(SoakOptions options) throws Exception {
        LeakWatch.install();
        SelfSignedCertificates certificate = SelfSignedCertificates.create("localhost", "127.0.0.1");
        Path trust = Files.createTempFile("storm-soak", ".pem");
        Files.writeString(trust, certificate.certificatePem());
        try (SoakServers servers = SoakServers.start(options, certificate)) {
            long heapBefore = JvmGauges.liveHeap();
            long fdsBefore = JvmGauges.openFiles();
            long residentBefore = JvmGauges.residentBytes();
            SoakResult.Builder result = new SoakResult.Builder(options);
            Duration clientWait = OPEN_TIMEOUT.plus(options.hold()).plus(DRAIN_TIMEOUT);
            try (ChildJvm clients = ChildJvm.start(List.of(), "soak-clients", List.of("--proto",
                    options.proto().label(), "--port", Integer.toString(servers.steadyPort()), "--secure-port",
                    Integer.toString(servers.securePort()), "--trust", trust.toString(), "--sessions",
                    Integer.toString(options.sessions()), "--messages", Integer.toString(options.messages()), "-z",
                    Double.toString(options.hold().toMillis() / 1000.0), "--churn-workers",
                    Integer.toString(options.churnWorkers()), "--transport", options.transport().name()))) {
                Map<String, Long> open = clients.awaitLine(SoakClients.OPEN, OPEN_TIMEOUT);
                result.open(open, awaitSessions(servers, open.get("connected")));
                result.done(clients.awaitLine(SoakClients.DONE, clientWait));
                // Measured after the hold: the full collections stop the servers for a moment.
                result.heap(heapBefore, JvmGauges.liveHeap());
                result.resident(residentBefore, JvmGauges.residentBytes());
                clients.tell(SoakClients.CLOSE);
                result.closed(clients.awaitLine(SoakClients.CLOSED, DRAIN_TIMEOUT));
            }
            boolean empty = servers.awaitEmpty(SETTLE_TIMEOUT);
            result.servers(empty, servers.sessions(), servers.groupMembers(), servers.groups(), servers.errors(),
                    servers.unexpectedEnds(), servers.endsByReason());
            result.descriptors(fdsBefore, JvmGauges.awaitOpenFilesAtMost(fdsBefore + options.fdSlack(), SETTLE_TIMEOUT));
            result.heapAfter(JvmGauges.liveHeap());
            result.serverLeaks(LeakWatch.collectAndCount());
            return result.build();
        } finally {
            Files.deleteIfExists(trust);
        }
    }

    /** Polls (with a deadline) until the servers hold {@code expected} sessions; returns how many they hold. */
    private static int awaitSessions(SoakServers servers, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (servers.sessions() < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return servers.sessions();
    }
}
