package io.stormsocket.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A second JVM running one of this jar's hidden commands, for a benchmark whose clients need a
 * process of their own (a process here may hold only so many open files). It runs on the same
 * {@code java} binary and class path as this JVM; its standard error is inherited, and its
 * standard output carries report lines of the form {@code TAG key=value ...} (integer values),
 * which {@link #awaitLine(String, Duration)} hands over in order; other output goes to this JVM's
 * standard error. Options for every child JVM (a profiler, say) can be given with
 * {@code -Dstorm.bench.childJvmOptions="..."}.
 *
 * <p>Lifecycle: {@link #close()} closes the child's standard input, waits a while for it to end,
 * and kills it if it does not. Threading: one thread reads the child's output; the rest may be
 * called from any one thread.
 */
public final class ChildJvm implements AutoCloseable {
    private static final String MAIN = "io.stormsocket.benchmarks.Main";
    /** A system property whose value (options separated by spaces) is added to every child JVM's options. */
    public static final String EXTRA_OPTIONS_PROPERTY = "storm.bench.childJvmOptions";
    private static final String END = "\u0000end";
    private static final Pattern REPORT_LINE = Pattern.compile("[A-Z_]+( [a-z0-9_]+=-?[0-9]+)*");
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a hidden command in a new JVM.
     *
     * @param jvmOptions options for the new JVM (for example {@code -Xmx2g}), before the class name
     * @param command the hidden command's name
     * @param args its arguments
     * @return the running child
     * @throws IOException if the process cannot start
     */
    public static ChildJvm start(List<String> jvmOptions, String command, List<String> args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> commandLine = new ArrayList<>();
        commandLine.add(java);
        commandLine.addAll(jvmOptions);
        String extra = System.getProperty(EXTRA_OPTIONS_PROPERTY, "").strip();
        if (!extra.isEmpty()) {
            commandLine.addAll(List.of(extra.split("\\s+")));
        }
        commandLine.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN, command));
        commandLine.addAll(args);
        return new ChildJvm(new ProcessBuilder(commandLine).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /**
     * Waits for the child's next report line and checks its tag.
     *
     * @param tag the tag the line must start with
     * @param timeout how long to wait
     * @return the line's fields, by key
     * @throws IllegalStateException if the child ended, the time ran out, or the next line has another tag
     * @throws InterruptedException if interrupted while waiting
     */
    public Map<String, Long> awaitLine(String tag, Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || line.equals(END)) {
            throw new IllegalStateException("expected a " + tag + " line from the child JVM, but it "
                    + (line == null ? "printed none within " + timeout : "ended"));
        }
        if (!line.equals(tag) && !line.startsWith(tag + " ")) {
            throw new IllegalStateException("expected a " + tag + " line from the child JVM, got " + line);
        }
        Map<String, Long> fields = new TreeMap<>();
        // A line may be its tag alone (the pattern allows no fields).
        for (String field : line.equals(tag) ? new String[0] : line.substring(tag.length() + 1).split(" ")) {
            int eq = field.indexOf('=');
            fields.put(field.substring(0, eq), Long.parseLong(field.substring(eq + 1)));
        }
        return fields;
    }

    /**
     * Sends the child one line on its standard input.
     *
     * @param line the line, without its line end
     * @throws IOException if the child's input is closed
     */
    public void tell(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (REPORT_LINE.matcher(line).matches()) {
                    lines.add(line);
                } else {
                    // Not a report (the JVM's own messages, say): pass it on.
                    System.err.println(line);
                }
            }
        } catch (IOException e) {
            System.err.println("child JVM output: " + e);
        } finally {
            lines.add(END);
        }
    }

    /**
     * Closes the child's input, waits for it to end, and kills it if it does not; an interrupt
     * while waiting kills it at once and is kept for the caller to see.
     */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The child has already gone; nothing to tell it.
        }
        try {
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
