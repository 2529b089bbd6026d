package io.stormsocket.benchmarks.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Pins a JVM to CPUs with {@code taskset} (Linux), so that the attacker JVM and the server's JVM
 * run on different cores. Every thread of the JVM is pinned ({@code taskset -a}); threads made
 * later inherit the affinity of the thread that makes them.
 */
final class CpuPinning {
    private CpuPinning() {
    }

    /**
     * Where each JVM runs when pinned: the attackers on the last CPU this JVM may use, the server
     * on the others.
     *
     * @param serverCpus the server JVM's CPU list, in {@code taskset -c} form
     * @param attackerCpu the attacker JVM's CPU
     */
    record Plan(String serverCpus, String attackerCpu) {
    }

    /**
     * {@return a plan, or empty if this JVM may use fewer than two CPUs or {@code /proc} is not
     * there}
     */
    static Optional<Plan> plan() {
        List<Integer> cpus = allowedCpus();
        if (cpus.size() < 2) {
            return Optional.empty();
        }
        String server = cpus.subList(0, cpus.size() - 1).stream().map(String::valueOf)
                .collect(Collectors.joining(","));
        return Optional.of(new Plan(server, String.valueOf(cpus.get(cpus.size() - 1))));
    }

    /** {@return the CPUs this process may run on ({@code Cpus_allowed_list}), empty if unknown} */
    static List<Integer> allowedCpus() {
        List<Integer> cpus = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    for (String range : line.substring(line.indexOf(':') + 1).trim().split(",")) {
                        String[] ends = range.split("-");
                        int first = Integer.parseInt(ends[0]);
                        int last = ends.length == 1 ? first : Integer.parseInt(ends[1]);
                        for (int cpu = first; cpu <= last; cpu++) {
                            cpus.add(cpu);
                        }
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
        return cpus;
    }

    /**
     * Pins every thread of this JVM to {@code cpus}.
     *
     * @param cpus a CPU list in {@code taskset -c} form
     * @throws IOException if {@code taskset} cannot run or refuses
     * @throws InterruptedException if interrupted while it runs
     */
    static void pinSelf(String cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus,
                Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
            taskset.destroyForcibly();
            throw new IOException("taskset -a -p -c " + cpus + " failed");
        }
    }
}
