package io.stormsocket.benchmarks.fault;

import io.stormsocket.benchmarks.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bench's handle on the attacker JVM ({@link FaultAttackers}, started through
 * {@link ChildJvm}): starts a row's attacking half, passes the row's own commands, and collects the
 * figures the attacker reports, among them its CPU time, so that the contention baseline can load
 * a core as much as the attack did.
 *
 * <p>Threading: one thread at a time (the bench's, or a row's coordinating loop while the bench
 * waits for it). Lifecycle: {@link #start}, any number of rows ({@link #begin}, {@link #stop},
 * {@link #release}), {@link #close}.
 */
final class AttackerJvm implements AutoCloseable {
    /** The hidden command the attacker JVM runs. */
    static final String COMMAND = "fault-attackers";
    /** Reported once a row's attack is under way. */
    static final String STARTED = "STARTED";
    /** Tells the attack to end. */
    static final String STOP = "STOP";
    /** Reported once the attack has ended, with its counts, {@code cpu_us} and {@code wall_us}. */
    static final String STOPPED = "STOPPED";
    /** Tells the attacker to close every socket of the row. */
    static final String CLOSE = "CLOSE";
    /** Reported once the row's sockets are closed. */
    static final String CLOSED = "CLOSED";
    private static final Duration START_WAIT = Duration.ofSeconds(60);

    private final ChildJvm child;
    private final String placement;
    private Map<String, Long> lastStopped = Map.of();

    private AttackerJvm(ChildJvm child, String placement) {
        this.child = child;
        this.placement = placement;
    }

    /**
     * Starts the attacker JVM.
     *
     * @param pin whether to pin the attackers to one CPU and this JVM (the server's) to the others
     * @return the running attacker JVM
     * @throws Exception if it cannot start or this JVM cannot be pinned
     */
    static AttackerJvm start(boolean pin) throws Exception {
        List<String> args = new ArrayList<>();
        String placement = "unpinned";
        if (pin) {
            Optional<CpuPinning.Plan> plan = CpuPinning.plan();
            if (plan.isPresent()) {
                CpuPinning.pinSelf(plan.get().serverCpus());
                args.addAll(List.of("--cpu", plan.get().attackerCpu()));
                placement = "server_cpus=" + plan.get().serverCpus() + " attacker_cpu=" + plan.get().attackerCpu();
            } else {
                placement = "unpinned (fewer than two CPUs to pin to)";
            }
        }
        // A small heap: the attackers hold a few hundred sockets at most.
        AttackerJvm jvm = new AttackerJvm(ChildJvm.start(List.of("-Xmx256m"), COMMAND, args), placement);
        // Waits until the attacker JVM answers, so that its start-up is over before any measurement.
        jvm.begin(BusyLoop.NAME, 0, "permille", 0);
        jvm.stop();
        jvm.release();
        return jvm;
    }

    /** {@return where the two JVMs run, for the report} */
    String placement() {
        return placement;
    }

    /**
     * Starts a row's attacking half and waits until it is under way.
     *
     * @param row the row's name
     * @param port the server's port
     * @param keyValues further arguments, key then value
     * @return the {@code STARTED} line's figures
     * @throws Exception if the attacker does not start
     */
    Map<String, Long> begin(String row, int port, Object... keyValues) throws Exception {
        StringBuilder command = new StringBuilder(row).append(" port=").append(port);
        for (int i = 0; i < keyValues.length; i += 2) {
            command.append(' ').append(keyValues[i]).append('=').append(keyValues[i + 1]);
        }
        child.tell(command.toString());
        return child.awaitLine(STARTED, START_WAIT);
    }

    /**
     * Ends the running attack and returns its figures.
     *
     * @param wait how long the attack may take to end (a planned attack runs out its time first)
     * @return the {@code STOPPED} line's figures
     * @throws Exception if the attacker does not answer
     */
    Map<String, Long> stop(Duration wait) throws Exception {
        child.tell(STOP);
        lastStopped = child.awaitLine(STOPPED, wait);
        return lastStopped;
    }

    /** Ends the running attack, which ends at once when told. */
    Map<String, Long> stop() throws Exception {
        return stop(FaultTarget.TIMEOUT);
    }

    /** Closes the row's sockets in the attacker JVM and waits until they are. */
    void release() throws Exception {
        child.tell(CLOSE);
        child.awaitLine(CLOSED, FaultTarget.TIMEOUT);
    }

    /** Sends a row's own command to its running attack. */
    void tell(String command) throws IOException {
        child.tell(command);
    }

    /** Waits for a row's own report line. */
    Map<String, Long> awaitLine(String tag) throws InterruptedException {
        return child.awaitLine(tag, FaultTarget.TIMEOUT);
    }

    /**
     * {@return the CPU the last stopped attack used in the attacker JVM, in thousandths of a core
     * (over 1,000 when it used more than one)}
     */
    long lastCpuPermille() {
        long wall = lastStopped.getOrDefault("wall_us", 0L);
        return wall == 0 ? 0 : 1000 * lastStopped.getOrDefault("cpu_us", 0L) / wall;
    }

    @Override
    public void close() {
        child.close();
    }
}
