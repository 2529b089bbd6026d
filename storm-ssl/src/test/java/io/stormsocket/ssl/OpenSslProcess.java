package io.stormsocket.ssl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The {@code openssl} command-line tool as an independent TLS peer. Its stdout is read line by line
 * on a daemon thread into a queue, so waits have deadlines; stderr goes to a file shown in failures.
 * Closing destroys the process.
 */
final class OpenSslProcess implements AutoCloseable {
    /** Where CI installs it ({@code apt-get install openssl}); PATH is searched as well. */
    private static final Path USUAL = Path.of("/usr/bin/openssl");
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private OpenSslProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::readStdout, "openssl-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@return the openssl executable; fails the test (never skips) if it is not installed} */
    static String executable() {
        if (Files.isExecutable(USUAL)) {
            return USUAL.toString();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "openssl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("the openssl command is required by the interop tests: apt-get install openssl");
    }

    /**
     * Starts {@code openssl} with arguments.
     *
     * @param dir working directory (and where stderr is written)
     * @param arguments the arguments after {@code openssl}
     * @return the running process
     */
    static OpenSslProcess start(Path dir, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(List.of(arguments));
        try {
            Path stderr = Files.createTempFile(dir, "openssl", ".stderr");
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(stderr.toFile()).start();
            return new OpenSslProcess(process, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException closed) {
            // the process was destroyed
        } finally {
            lines.add(EOF);
        }
    }

    /**
     * Waits for a stdout line that matches, skipping others.
     *
     * @param what the expected line, in words
     * @param match the test
     * @return the line
     */
    String awaitLine(String what, Predicate<String> match) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (true) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(EOF)) {
                    throw new AssertionError("openssl printed no " + what + (line == null ? " within 10 s" : " before exiting")
                            + "; stdout: " + seen + "; stderr: " + stderr());
                }
                seen.add(line);
                if (match.test(line)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@return whether the process has exited} */
    boolean exited() {
        return !process.isAlive();
    }

    /** Writes a line to the process's stdin. */
    void writeLine(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("openssl stdin closed; stderr: " + stderr(), e);
        }
    }

    /** Closes the process's stdin (end of input). */
    void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return what the process wrote to stderr so far} */
    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
