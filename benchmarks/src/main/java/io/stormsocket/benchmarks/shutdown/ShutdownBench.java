package io.stormsocket.benchmarks.shutdown;

import io.stormsocket.benchmarks.ChildJvm;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code shutdown-bench --proto ws [--sessions 10000] [--grace 10] [--io-threads 2]}: starts a Storm
 * WebSocket server in this JVM, has a second JVM (hidden command {@code shutdown-clients}) open and
 * upgrade that many connections, calls {@code stop(grace)} on the server, and prints
 * {@code RESULT sessions=... got_1001_before_close=... shutdown_ms=... threads_left=... errors=...}.
 *
 * <p>{@code got_1001_before_close} counts clients that read a Close frame with status 1001 before
 * their connection ended; {@code threads_left} counts the server's event-loop threads
 * ({@value #SERVER_THREADS}-*) still alive two seconds after the stop completed.
 */
public final class ShutdownBench {
    /** The name prefix of the event-loop threads of a server that owns them. */
    static final String SERVER_THREADS = "storm-server";
    private static final Duration SESSIONS_WAIT = Duration.ofSeconds(60);
    /** How long the client JVM may take to open and upgrade every connection. */
    private static final Duration CLIENTS_WAIT = Duration.ofSeconds(180);
    private static final Duration THREADS_WAIT = Duration.ofSeconds(2);

    private ShutdownBench() {
    }

    /**
     * Runs the command and prints its result.
     *
     * @param args the options
     * @throws Exception if the server or the client JVM fails
     */
    public static void main(String[] args) throws Exception {
        System.out.println(run(ShutdownBenchOptions.parse(args)).line());
    }

    /**
     * Runs one measurement.
     *
     * @param options the options
     * @return what was measured
     * @throws Exception if the server or the client JVM fails
     */
    public static ShutdownResult run(ShutdownBenchOptions options) throws Exception {
        long threadsBefore = liveThreads();
        StormWebSocketServer server = StormWebSocketServer.create(ServerConfig.builder()
                .endpoint(Endpoint.tcp("127.0.0.1", 0)).ioThreads(options.ioThreads()),
                WebSocketServerOptions.builder().build());
        AtomicInteger serverErrors = new AtomicInteger();
        server.onError((session, error) -> serverErrors.incrementAndGet());
        try {
            server.start().get(30, TimeUnit.SECONDS);
            long waitSeconds = options.grace().toSeconds() + 30;
            try (ChildJvm clients = ChildJvm.start(List.of(), "shutdown-clients", List.of("--port",
                    Integer.toString(server.port()), "--sessions", Integer.toString(options.sessions()), "--wait",
                    Long.toString(waitSeconds)))) {
                Map<String, Long> ready = clients.awaitLine(ShutdownClients.READY, CLIENTS_WAIT);
                int sessions = awaitSessions(server, options.sessions() - ready.get("not_upgraded").intValue());
                long start = System.nanoTime();
                server.storm().stop(options.grace()).get(options.grace().toMillis() + 30_000, TimeUnit.MILLISECONDS);
                long shutdownMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                Map<String, Long> closed = clients.awaitLine(ShutdownClients.CLOSED,
                        Duration.ofSeconds(waitSeconds + 10));
                long threadsLeft = awaitThreads(threadsBefore);
                long errors = ready.get("not_upgraded") + closed.get("not_closed") + closed.get("errors")
                        + serverErrors.get();
                return new ShutdownResult(sessions, closed.get("going_away").intValue(), shutdownMillis, threadsLeft,
                        Math.toIntExact(errors));
            }
        } finally {
            server.close();
        }
    }

    /** Waits (with a deadline) until the server holds the upgraded sessions; returns how many it holds. */
    private static int awaitSessions(StormWebSocketServer server, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + SESSIONS_WAIT.toNanos();
        while (server.storm().sessionCount() < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return server.storm().sessionCount();
    }

    /** Polls (with a deadline) until the server's threads are gone; returns how many are left. */
    private static long awaitThreads(long before) throws InterruptedException {
        long deadline = System.nanoTime() + THREADS_WAIT.toNanos();
        while (liveThreads() > before && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return Math.max(0, liveThreads() - before);
    }

    private static long liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(SERVER_THREADS))
                .count();
    }
}
