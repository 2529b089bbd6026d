package io.stormsocket.benchmarks.heap;

import io.stormsocket.benchmarks.JvmGauges;
import io.stormsocket.benchmarks.echo.EchoServer;
import io.stormsocket.benchmarks.echo.EchoServerOptions;
import io.stormsocket.benchmarks.echo.Framing;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code idle-heap --impl storm|netty --proto tcp|ws [--connections 10000] [--io-threads 1]}:
 * starts the echo server of {@code echo-server} in this JVM, measures its heap after a full
 * collection, has a second JVM open that many idle connections (upgraded, for {@code ws}),
 * measures again, and prints
 * {@code RESULT impl=... proto=... connections=... heap_per_connection_bytes=... failed=...}.
 *
 * <p>Run with the same {@code -Xmx} for both implementations. The figure is the growth of live
 * heap divided by the number of connections: what each idle session costs, pipeline and buffers
 * included (pooled direct memory is outside the heap and not counted).
 */
public final class IdleHeapBench {
    private static final String MAIN = "io.stormsocket.benchmarks.Main";

    private IdleHeapBench() {
    }

    /**
     * Runs the measurement.
     *
     * @param args the options
     * @throws Exception if the server or the client JVM fails
     */
    public static void main(String[] args) throws Exception {
        IdleHeapOptions options = IdleHeapOptions.parse(args);
        try (EchoServer server = EchoServer.start(new EchoServerOptions(options.impl(), options.proto(), 0,
                Framing.LENGTH, options.ioThreads(), false))) {
            long before = JvmGauges.liveHeap();
            String java = ProcessHandle.current().info().command()
                    .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Process clients = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), MAIN,
                    "idle-clients", "--port", Integer.toString(server.port()), "--connections",
                    Integer.toString(options.connections()), "--proto", options.proto().label()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line = out.readLine();
                if (line == null || !line.startsWith(IdleClients.READY)) {
                    throw new IllegalStateException("the client JVM ended before its connections were ready");
                }
                long failed = Long.parseLong(line.substring(line.indexOf('=') + 1));
                long after = JvmGauges.liveHeap();
                long held = options.connections() - failed;
                System.out.printf("RESULT impl=%s proto=%s connections=%d heap_per_connection_bytes=%d failed=%d%n",
                        options.impl().name().toLowerCase(Locale.ROOT), options.proto().label(), held,
                        held == 0 ? 0 : (after - before) / held, failed);
            } finally {
                clients.getOutputStream().close();
                if (!clients.waitFor(30, TimeUnit.SECONDS)) {
                    clients.destroyForcibly();
                }
            }
        }
    }
}
