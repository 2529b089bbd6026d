package io.stormsocket.benchmarks.fault;

import io.stormsocket.benchmarks.JvmGauges;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code fault-bench} command: runs each attack of the fault matrix against its own
 * length-prefix echo server while a healthy client echoes, and prints one line per row:
 *
 * <pre>
 * RESULT attack=flood healthy_p99_us=.. baseline_p99_us=.. ratio=.. attacker_close=RATE_LIMITED ok=true bound="..."
 *        ... attacker_cpu_pct=.. contention_p99_us=.. contention_cpu_pct=.. ratio_to_contention=.. ...
 * </pre>
 *
 * <p>The attackers run in a second JVM ({@link FaultAttackers}, started once for the whole run),
 * optionally pinned to a CPU of their own ({@code --pin}); the server, the healthy client and every
 * check of a row run here. A row measures the healthy client's p99 unattacked (the baseline),
 * under attack, and then while the attacker JVM only burns as much CPU as the attack used (the
 * contention baseline, {@link BusyLoop}): on a machine with few cores an attacker's own CPU slows
 * the healthy client whatever the server does, and the two ratios tell that apart.
 *
 * <p>A row is {@code ok} when the healthy client got every reply in order in every measurement,
 * its p99 under attack is within {@code --p99-bound} times its unattacked p99 (the contention
 * baseline is reported, never used for the bound), and the attacker ended as the limit promises
 * (the row's own bound is printed with it).
 */
public final class FaultBench {
    private static final String RESULT = "RESULT";
    private static final String WARMUP = "WARMUP";
    private static final Duration FILES_WAIT = Duration.ofSeconds(2);

    private FaultBench() {
    }

    /**
     * Runs the matrix with the command's options.
     *
     * @param args see {@link FaultBenchOptions#parse}
     * @throws Exception if a row cannot run at all
     */
    public static void main(String[] args) throws Exception {
        List<String> lines = run(FaultBenchOptions.parse(args));
        if (lines.stream().anyMatch(line -> line.contains(" ok=false"))) {
            System.exit(1);
        }
    }

    /**
     * Runs every row (or those {@link FaultBenchOptions#rows} names), printing each RESULT line as
     * it is known; with {@link FaultBenchOptions#warmupPass} the rows run once before at
     * {@link FaultBenchOptions#warmupSizes}, printed as WARMUP lines and not returned.
     *
     * @param options the sizes
     * @return the RESULT lines
     * @throws Exception if a row cannot run at all
     */
    public static List<String> run(FaultBenchOptions options) throws Exception {
        try (AttackerJvm attacker = AttackerJvm.start(options.pin())) {
            System.out.println("# attackers in a second JVM; " + attacker.placement());
            if (options.warmupPass()) {
                // Cold figures, printed for the record: the JIT compiles accept, reset and refusal
                // paths in both JVMs while the first attack of each kind runs.
                pass(options.warmupSizes(), attacker, WARMUP);
            }
            return pass(options, attacker, RESULT);
        }
    }

    /** Runs the rows at the given sizes, printing each line with {@code tag} first; returns the lines. */
    private static List<String> pass(FaultBenchOptions options, AttackerJvm attacker, String tag) throws Exception {
        List<Attack> attacks = new ArrayList<>(List.of(
                new StopReading(),
                SilentPeers.halfFrame(options.attackers()),
                new ResetMidFrame(),
                new MessageFlood(options.rateLimit()),
                new ConnectionFlood(options.perAddressCap(), options.connectsPerSecond(), options.duration()),
                SilentPeers.slowloris(options.attackers()),
                new RateLimitAccuracy(options.rateLimit(), options.duration()),
                new OversizedPrefix(Math.max(1, options.attackers() / 10))));
        if (!options.rows().isEmpty()) {
            attacks.removeIf(attack -> !options.rows().contains(attack.name()));
        }
        List<String> lines = new ArrayList<>();
        for (Attack attack : attacks) {
            String line = tag + row(attack, attacker, options);
            System.out.println(line);
            lines.add(line);
        }
        return lines;
    }

    private static String row(Attack attack, AttackerJvm attacker, FaultBenchOptions options) throws Exception {
        long filesBefore = JvmGauges.openFiles();
        StormServer server = StormServer.create(attack.serverConfig()
                .endpoint(Endpoint.tcp("127.0.0.1", 0)).codec(FrameCodecs.lengthPrefix()).build());
        String line;
        try {
            server.onDataReceived((session, data) -> session.send(data));
            // Attackers' resets arrive as I/O errors; a real server subscribes to them.
            AtomicLong errors = new AtomicLong();
            server.onError((session, error) -> errors.incrementAndGet());
            FaultTarget target = new FaultTarget(server, attacker, attack.takesSessions());
            server.start().get(FaultTarget.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try (HealthyProbe probe = HealthyProbe.connect(server.port())) {
                Duration pace = attack.healthyPace();
                probe.measure(Math.max(1, options.roundTrips() / 4), pace);
                HealthyProbe.Measurement baseline = probe.measure(options.roundTrips(), pace);
                attack.start(target);
                HealthyProbe.Measurement attacked = probe.measure(options.roundTrips(), pace);
                Attack.Outcome outcome = attack.stop();
                long attackerPermille = attacker.lastCpuPermille();
                attacker.begin(BusyLoop.NAME, 0, "permille", attackerPermille);
                HealthyProbe.Measurement contention = probe.measure(options.roundTrips(), pace);
                attacker.stop();
                attacker.release();
                long busyPermille = attacker.lastCpuPermille();
                double ratio = (double) attacked.p99Micros() / Math.max(1, baseline.p99Micros());
                double toContention = (double) attacked.p99Micros() / Math.max(1, contention.p99Micros());
                boolean inOrder = baseline.inOrder() && attacked.inOrder() && contention.inOrder();
                boolean ok = inOrder && outcome.ok() && ratio <= options.p99Bound();
                line = String.format(" attack=%s healthy_p99_us=%d baseline_p99_us=%d ratio=%.2f"
                                + " attacker_close=%s ok=%s bound=\"ratio<=%.1f, every healthy reply in order,"
                                + " attacker close as promised\" healthy_in_order=%s server_errors=%d"
                                + " attacker_cpu_pct=%.1f contention_p99_us=%d contention_cpu_pct=%.1f"
                                + " contention_ratio=%.2f ratio_to_contention=%.2f %s",
                        attack.name(), attacked.p99Micros(), baseline.p99Micros(), ratio, outcome.close(), ok,
                        options.p99Bound(), inOrder, errors.get(), attackerPermille / 10.0,
                        contention.p99Micros(), busyPermille / 10.0,
                        (double) contention.p99Micros() / Math.max(1, baseline.p99Micros()), toContention,
                        outcome.detail());
            }
        } finally {
            server.close();
        }
        // With the attackers in their own JVM, this JVM's descriptors are the server's and the
        // healthy client's only: reported (not checked) so that a leak per attacking connection shows.
        long filesAfter = JvmGauges.awaitOpenFilesAtMost(filesBefore, FILES_WAIT);
        return line + " server_fds_before=" + filesBefore + " server_fds_after=" + filesAfter;
    }
}
