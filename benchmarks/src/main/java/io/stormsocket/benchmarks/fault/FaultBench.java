package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.Endpoint;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code fault-bench} command: runs each attack of the fault matrix against its own
 * length-prefix echo server while a healthy client echoes, and prints one line per row:
 *
 * <pre>
 * RESULT attack=flood healthy_p99_us=.. baseline_p99_us=.. ratio=.. attacker_close=RATE_LIMITED ok=true bound="..." ...
 * </pre>
 *
 * <p>A row is {@code ok} when the healthy client got every reply in order both before and during
 * the attack, its p99 under attack is within {@code --p99-bound} times its unattacked p99, and the
 * attacker ended as the limit promises (the row's own bound is printed with it).
 */
public final class FaultBench {
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
     * Runs every row, printing each RESULT line as it is known.
     *
     * @param options the sizes
     * @return the RESULT lines
     * @throws Exception if a row cannot run at all
     */
    public static List<String> run(FaultBenchOptions options) throws Exception {
        List<Attack> attacks = List.of(
                new StopReading(),
                SilentPeers.halfFrame(options.attackers()),
                new ResetMidFrame(),
                new MessageFlood(options.rateLimit()),
                new ConnectionFlood(options.perAddressCap(), options.connectsPerSecond(), options.duration()),
                SilentPeers.slowloris(options.attackers()),
                new RateLimitAccuracy(options.rateLimit(), options.duration()),
                new OversizedPrefix(Math.max(1, options.attackers() / 10)));
        List<String> lines = new ArrayList<>();
        for (Attack attack : attacks) {
            String line = row(attack, options);
            System.out.println(line);
            lines.add(line);
        }
        return lines;
    }

    private static String row(Attack attack, FaultBenchOptions options) throws Exception {
        StormServer server = StormServer.create(attack.serverConfig()
                .endpoint(Endpoint.tcp("127.0.0.1", 0)).codec(FrameCodecs.lengthPrefix()).build());
        try {
            server.onDataReceived((session, data) -> session.send(data));
            // Attackers' resets arrive as I/O errors; a real server subscribes to them, and an
            // unhandled one is logged with its stack trace, which would slow the row by itself.
            java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();
            server.onError((session, error) -> errors.incrementAndGet());
            FaultTarget target = new FaultTarget(server);
            server.start().get(FaultTarget.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try (HealthyProbe probe = HealthyProbe.connect(server.port())) {
                probe.measure(Math.max(1, options.roundTrips() / 4), attack.healthyPace());
                HealthyProbe.Measurement baseline = probe.measure(options.roundTrips(), attack.healthyPace());
                attack.start(target);
                HealthyProbe.Measurement attacked = probe.measure(options.roundTrips(), attack.healthyPace());
                Attack.Outcome outcome = attack.stop();
                double ratio = (double) attacked.p99Micros() / Math.max(1, baseline.p99Micros());
                boolean ok = baseline.inOrder() && attacked.inOrder() && outcome.ok() && ratio <= options.p99Bound();
                return String.format("RESULT attack=%s healthy_p99_us=%d baseline_p99_us=%d ratio=%.2f"
                                + " attacker_close=%s ok=%s bound=\"ratio<=%.1f, every healthy reply in order,"
                                + " attacker close as promised\" healthy_in_order=%s server_errors=%d %s",
                        attack.name(), attacked.p99Micros(), baseline.p99Micros(), ratio, outcome.close(), ok,
                        options.p99Bound(), baseline.inOrder() && attacked.inOrder(), errors.get(), outcome.detail());
            }
        } finally {
            server.close();
        }
    }
}
