package io.stormsocket.benchmarks.fault;

import io.stormsocket.benchmarks.Cli;
import java.time.Duration;

/**
 * Sizes of a {@code fault-bench} run.
 *
 * @param roundTrips healthy round trips per measurement (baseline and under attack)
 * @param attackers sockets per many-socket attack (half frame, slowloris)
 * @param duration how long the connection flood and the rate-limit rows run
 * @param connectsPerSecond the connection flood's rate
 * @param perAddressCap the per-IP connection cap the flood runs against
 * @param rateLimit frames per second the rate-limit row allows (the attacker sends ten times more)
 * @param p99Bound the largest healthy p99 / baseline p99 ratio a row accepts
 */
public record FaultBenchOptions(int roundTrips, int attackers, Duration duration, int connectsPerSecond,
        int perAddressCap, int rateLimit, double p99Bound) {

    /**
     * Parses {@code [--round-trips 2000] [--attackers 200] [-z 10] [--connect-rate 5000]
     * [--cap 10] [--rate-limit 1000] [--p99-bound 5]}.
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
        for (int i = 0; i < args.length; i += 2) {
            String value = Cli.value(args, i);
            switch (args[i]) {
                case "--round-trips" -> roundTrips = Integer.parseInt(value);
                case "--attackers" -> attackers = Integer.parseInt(value);
                case "-z" -> duration = Cli.seconds(value);
                case "--connect-rate" -> connectRate = Integer.parseInt(value);
                case "--cap" -> cap = Integer.parseInt(value);
                case "--rate-limit" -> rateLimit = Integer.parseInt(value);
                case "--p99-bound" -> bound = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new FaultBenchOptions(roundTrips, attackers, duration, connectRate, cap, rateLimit, bound);
    }
}
