package io.stormsocket.benchmarks.fault;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What an {@link AttackerHalf} sees of its row in the attacker JVM: the start command's arguments,
 * the bench's further commands (one line each on standard input), raw sockets from
 * {@link FaultTarget#ATTACKER_ADDRESS} to the server, and report lines {@code TAG key=value ...}
 * on standard output. The {@code STOPPED} line carries this JVM's CPU time and the wall time since
 * the start command, so that the bench can load a core as much as the attack did.
 *
 * <p>Threading: commands are taken on the attacker JVM's main thread; reports may be printed from
 * any thread.
 */
final class AttackerLink {
    /** The end of the bench's commands (its JVM closed our standard input). */
    static final String END = "\u0000end";

    private final BlockingQueue<String> commands;
    private final int port;
    private final Map<String, String> args;
    private final long startCpuNanos = cpuNanos();
    private final long startNanos = System.nanoTime();

    AttackerLink(BlockingQueue<String> commands, Map<String, String> args) {
        this.commands = commands;
        this.args = args;
        this.port = intArg("port");
    }

    /** {@return an integer argument of the start command} */
    int intArg(String key) {
        String value = args.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the start command has no " + key);
        }
        return Integer.parseInt(value);
    }

    /** Opens a socket from the attacker address to the server. */
    Socket connect() throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(FaultTarget.ATTACKER_ADDRESS), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        return socket;
    }

    /**
     * Waits for the bench's next command, for as long as the bench takes (its own waits are
     * bounded); fails if the bench has gone.
     */
    String next() throws InterruptedException {
        String command = commands.take();
        if (command.equals(END)) {
            throw new IllegalStateException("the bench ended while an attack was running");
        }
        return command;
    }

    /** Waits for the bench's next command and checks it. */
    void expect(String command) throws InterruptedException {
        String got = next();
        if (!got.equals(command)) {
            throw new IllegalStateException("expected " + command + " from the bench, got " + got);
        }
    }

    /** Prints a report line: {@code tag} then {@code key=value} for each pair of {@code keyValues}. */
    static void report(String tag, Object... keyValues) {
        StringBuilder line = new StringBuilder(tag);
        for (int i = 0; i < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=').append(keyValues[i + 1]);
        }
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }

    /** Reports {@code STOPPED} with {@code keyValues}, this JVM's CPU time and the wall time since the start. */
    void stopped(Object... keyValues) {
        Object[] all = Arrays.copyOf(keyValues, keyValues.length + 4);
        all[keyValues.length] = "cpu_us";
        all[keyValues.length + 1] = TimeUnit.NANOSECONDS.toMicros(cpuNanos() - startCpuNanos);
        all[keyValues.length + 2] = "wall_us";
        all[keyValues.length + 3] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
        report("STOPPED", all);
    }

    /** {@return the CPU time this JVM has used, all threads, user and system} */
    static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
