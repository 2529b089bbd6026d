package io.stormsocket.benchmarks.shutdown;

import io.stormsocket.benchmarks.Cli;
import io.stormsocket.benchmarks.echo.Proto;
import java.time.Duration;

/**
 * Options of {@code shutdown-bench}.
 *
 * @param proto the protocol; only {@code ws} has a closing handshake to check
 * @param sessions how many live sessions the server holds when it stops
 * @param grace the grace period given to {@code stop(grace)}
 * @param ioThreads the server's event loops
 */
public record ShutdownBenchOptions(Proto proto, int sessions, Duration grace, int ioThreads) {

    /**
     * Validates the options.
     *
     * @param proto the protocol; only {@code ws} has a closing handshake to check
     * @param sessions how many live sessions the server holds when it stops
     * @param grace the grace period given to {@code stop(grace)}
     * @param ioThreads the server's event loops
     * @throws IllegalArgumentException for other protocols, no sessions, a negative grace or no threads
     */
    public ShutdownBenchOptions {
        if (proto != Proto.WS) {
            throw new IllegalArgumentException("shutdown-bench checks the WebSocket closing handshake: --proto ws, not "
                    + proto.label());
        }
        if (sessions < 1) {
            throw new IllegalArgumentException("--sessions must be at least 1");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("--grace must not be negative");
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("--io-threads must be at least 1");
        }
    }

    /**
     * Parses {@code --proto ws [--sessions 10000] [--grace 10] [--io-threads 2]}.
     *
     * @param args the arguments
     * @return the options
     */
    public static ShutdownBenchOptions parse(String[] args) {
        Proto proto = Proto.WS;
        int sessions = 10_000;
        Duration grace = Duration.ofSeconds(10);
        int ioThreads = 2;
        for (int i = 0; i < args.length; i += 2) {
            String value = Cli.value(args, i);
            switch (args[i]) {
                case "--proto" -> proto = Proto.parse(value);
                case "--sessions" -> sessions = Integer.parseInt(value);
                case "--grace" -> grace = Cli.seconds(value);
                case "--io-threads" -> ioThreads = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new ShutdownBenchOptions(proto, sessions, grace, ioThreads);
    }
}
