package io.stormsocket.benchmarks.broadcast;

import io.stormsocket.benchmarks.Cli;
import io.stormsocket.benchmarks.echo.EchoServerOptions.Impl;
import java.time.Duration;

/**
 * The options of {@code broadcast-bench}.
 *
 * @param impl Storm's group broadcast or the raw-Netty {@code ChannelGroup} baseline
 * @param sessions the number of subscriber sessions in the group ({@code --sessions})
 * @param size the payload size in bytes ({@code -s}), at least {@link BroadcastMessage#HEADER_BYTES}
 * @param duration how long to publish while measuring ({@code -z})
 * @param warmup how long to publish before measuring ({@code --warmup})
 * @param ioThreads the event loops of the server, and of the subscriber JVM
 */
public record BroadcastOptions(Impl impl, int sessions, int size, Duration duration, Duration warmup,
        int ioThreads) {

    /**
     * Validates the options.
     *
     * @param impl storm or netty
     * @param sessions the number of subscriber sessions
     * @param size the payload size in bytes
     * @param duration how long to measure
     * @param warmup how long to publish before measuring
     * @param ioThreads the event loops of each side
     */
    public BroadcastOptions {
        if (sessions < 1 || ioThreads < 1) {
            throw new IllegalArgumentException("--sessions and --io-threads must be at least 1");
        }
        if (size < BroadcastMessage.HEADER_BYTES) {
            throw new IllegalArgumentException("-s must be at least " + BroadcastMessage.HEADER_BYTES
                    + " (sequence number, timestamp and flag): " + size);
        }
        if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("-z must be positive and --warmup not negative");
        }
    }

    /**
     * Parses {@code --impl storm|netty --sessions N -s size -z seconds [--warmup seconds]
     * [--io-threads N]}. Defaults: storm, 10,000 sessions, 32 bytes, 10 s, 1 s of warm-up.
     *
     * @param args the command's arguments
     * @return the options
     */
    public static BroadcastOptions parse(String[] args) {
        Impl impl = Impl.STORM;
        int sessions = 10_000;
        int size = 32;
        Duration duration = Duration.ofSeconds(10);
        Duration warmup = Duration.ofSeconds(1);
        int ioThreads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = Cli.value(args, i++);
            switch (name) {
                case "--impl" -> impl = Impl.parse(value);
                case "--sessions" -> sessions = Integer.parseInt(value);
                case "-s" -> size = Integer.parseInt(value);
                case "-z" -> duration = Cli.seconds(value);
                case "--warmup" -> warmup = Cli.seconds(value);
                case "--io-threads" -> ioThreads = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (impl == Impl.VERTX) {
            throw new IllegalArgumentException("broadcast-bench compares storm and netty only");
        }
        return new BroadcastOptions(impl, sessions, size, duration, warmup, ioThreads);
    }
}
