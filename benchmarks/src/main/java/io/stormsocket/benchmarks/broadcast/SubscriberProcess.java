package io.stormsocket.benchmarks.broadcast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The subscriber JVM, seen from the command: started on the same {@code java} binary and class
 * path as this one, running the hidden {@code broadcast-subscribers} command. A reader thread
 * watches its standard output for {@value BroadcastSubscribers#READY} and the report line and
 * passes every other line on to standard error; its standard error is inherited.
 *
 * <p>Lifecycle: {@link #close()} kills the process if it is still running.
 */
final class SubscriberProcess implements AutoCloseable {
    private static final String MAIN = "io.stormsocket.benchmarks.Main";

    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CompletableFuture<SubscriberReport> report = new CompletableFuture<>();

    private SubscriberProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "subscriber-output");
        reader.setDaemon(true);
        reader.start();
    }

    static SubscriberProcess start(int port, BroadcastOptions options, Duration timeout) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), MAIN,
                "broadcast-subscribers", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--sessions", Integer.toString(options.sessions()), "--size", Integer.toString(options.size()),
                "--io-threads", Integer.toString(options.ioThreads()),
                "--timeout", Long.toString(Math.max(1, timeout.toSeconds())));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new SubscriberProcess(process);
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals(BroadcastSubscribers.READY)) {
                    ready.countDown();
                } else if (line.startsWith(SubscriberReport.PREFIX)) {
                    report.complete(SubscriberReport.parse(line));
                } else {
                    System.err.println("subscribers: " + line);
                }
            }
        } catch (IOException | RuntimeException e) {
            report.completeExceptionally(e);
        } finally {
            ready.countDown();
            report.completeExceptionally(new IllegalStateException("the subscriber JVM ended without a report"));
        }
    }

    /** Waits until every subscriber connected; false if the process ended or the time ran out first. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && !report.isDone();
    }

    SubscriberReport awaitReport(Duration timeout) throws Exception {
        try {
            return report.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no report from the subscriber JVM within " + timeout, e);
        }
    }

    @Override
    public void close() {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
