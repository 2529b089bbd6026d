package io.stormsocket.benchmarks.fault;

import io.stormsocket.benchmarks.Cli;
import java.time.Duration;
import java.util.List;

/**
 * Sizes of a {@code fault-bench} run.
 *
 * @param roundTrips healthy round trips per measurement (baseline, under attack, contention)
 * @param attackers sockets per many-socket attack (half frame, slowloris)
 * @param duration how long the connection flood and the rate-limit rows run
 * @param connectsPerSecond the connection flood's rate
 * @param perAddressCap the per-IP connection cap the flood runs against
 * @param rateLimit frames per second the rate-limit row allows (the attacker sends ten times more)
 * @param p99Bound the largest healthy p99 / baseline p99 ratio a row accepts
 * @param pin whether to pin the attacker JVM to one CPU and the server's JVM to the others
 * @param warmupPass whether to run every row once at {@link #warmupSizes()} first, unrecorded, so
 *     that the JIT has compiled the attack paths of both JVMs before the measured pass
 * @param rows the rows to run, by name; empty runs them all
 */
public record FaultBenchOptions(int roundTrips, int attackers, Duration duration, int connectsPerSecond,
        int perAddressCap, int rateLimit, double p99Bound, boolean pin, boolean warmupPass, List<String> rows) {
    /** The longest a planned attack runs in the warm-up pass. */
    static final Duration WARMUP_DURATION = Duration.ofSeconds(2);

    /**
     * {@return the warm-up pass's sizes: a quarter of the round trips and many-socket attackers,
     * planned attacks of at most {@link #WARMUP_DURATION}, the same rates and limits}
     */
    public FaultBenchOptions warmupSizes() {
        Duration shorter = duration.compareTo(WARMUP_DURATION) < 0 ? duration : WARMUP_DURATION;
        return new FaultBenchOptions(Math.max(1, roundTrips / 4), Math.max(1, attackers / 4), shorter,
                connectsPerSecond, perAddressCap, rateLimit, p99Bound, pin, false, rows);
    }

    /**
     * Parses {@code [--round-trips 2000] [--attackers 200] [-z 10] [--connect-rate 5000]
     * [--cap 10] [--rate-limit 1000] [--p99-bound 5] [--pin] [--no-warmup-pass] [--rows name,name]}.
     *
     * @param args the command's arguments
     * @return the options
     */
    public static FaultBenchOptions parse(String[] args) {
        int roundTrips = 2000;
        int attackers = 200;
        Duration duration = Duration.ofSeconds(10);
        int connectRate = 5000;
        int cap = 10;
        int rateLimit = 1000;
        double bound = 5;
        boolean pin = false;
        boolean warmupPass = true;
        List<String> rows = List.of();
        int i = 0;
        while (i < args.length) {
            if (args[i].equals("--pin") || args[i].equals("--no-warmup-pass")) {
                pin |= args[i].equals("--pin");
                warmupPass &= !args[i].equals("--no-warmup-pass");
                i++;
                continue;
            }
            String value = Cli.value(args, i);
            switch (args[i]) {
                case "--round-trips" -> roundTrips = Integer.parseInt(value);
                case "--attackers" -> attackers = Integer.parseInt(value);
                case "-z" -> duration = Cli.seconds(value);
                case "--connect-rate" -> connectRate = Integer.parseInt(value);
                case "--cap" -> cap = Integer.parseInt(value);
                case "--rate-limit" -> rateLimit = Integer.parseInt(value);
                case "--p99-bound" -> bound = Double.parseDouble(value);
                case "--rows" -> rows = List.of(value.split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i += 2;
        }
        return new FaultBenchOptions(roundTrips, attackers, duration, connectRate, cap, rateLimit, bound, pin, warmupPass,
                rows);
    }
}
