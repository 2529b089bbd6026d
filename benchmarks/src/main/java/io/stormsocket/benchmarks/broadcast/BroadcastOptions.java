package io.stormsocket.benchmarks.broadcast;

import io.stormsocket.benchmarks.Cli;
import io.stormsocket.benchmarks.echo.EchoServerOptions.Impl;
import io.stormsocket.core.SlowConsumerPolicy;
import java.time.Duration;
import java.util.Locale;

/**
 * The options of {@code broadcast-bench}.
 *
 * @param impl Storm's group broadcast or the raw-Netty {@code ChannelGroup} baseline
 * @param sessions the number of subscriber sessions in the group ({@code --sessions})
 * @param size the payload size in bytes ({@code -s}), at least {@link BroadcastMessage#HEADER_BYTES}
 * @param duration how long to publish while measuring ({@code -z})
 * @param warmup how long to publish before measuring ({@code --warmup})
 * @param ioThreads the event loops of the server, and of the subscriber JVM
 * @param rate messages published per second ({@code --rate}); 0 publishes as fast as the members'
 *     writes complete
 * @param slow members that join the group and never read ({@code --slow}); they need a paced
 *     publisher ({@code --rate}), because a broadcast to a member that never reads never completes
 * @param policy the server's {@link SlowConsumerPolicy} ({@code --policy wait|drop|disconnect})
 */
public record BroadcastOptions(Impl impl, int sessions, int size, Duration duration, Duration warmup,
        int ioThreads, int rate, int slow, SlowConsumerPolicy policy) {

    /**
     * Validates the options.
     *
     * @param impl storm or netty
     * @param sessions the number of subscriber sessions
     * @param size the payload size in bytes
     * @param duration how long to measure
     * @param warmup how long to publish before measuring
     * @param ioThreads the event loops of each side
     * @param rate messages per second, or 0 for as fast as the writes complete
     * @param slow members that never read
     * @param policy the server's slow-consumer policy
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
        if (rate < 0 || slow < 0) {
            throw new IllegalArgumentException("--rate and --slow must not be negative");
        }
        if (slow > 0 && (rate == 0 || impl != Impl.STORM)) {
            throw new IllegalArgumentException("--slow needs --impl storm and --rate: a broadcast to a member that "
                    + "never reads never completes, so the publisher cannot wait for completions");
        }
    }

    /**
     * The options of the command line's defaults: as fast as writes complete, no slow members,
     * {@code WAIT}.
     *
     * @param impl storm or netty
     * @param sessions the number of subscriber sessions
     * @param size the payload size in bytes
     * @param duration how long to measure
     * @param warmup how long to publish before measuring
     * @param ioThreads the event loops of each side
     * @return the options
     */
    public static BroadcastOptions of(Impl impl, int sessions, int size, Duration duration, Duration warmup,
            int ioThreads) {
        return new BroadcastOptions(impl, sessions, size, duration, warmup, ioThreads, 0, 0, SlowConsumerPolicy.WAIT);
    }

    /**
     * Parses {@code --impl storm|netty --sessions N -s size -z seconds [--warmup seconds]
     * [--io-threads N] [--rate N] [--slow N] [--policy wait|drop|disconnect]}. Defaults: storm,
     * 10,000 sessions, 32 bytes, 10 s, 1 s of warm-up, no rate, no slow members, {@code WAIT}.
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
        int rate = 0;
        int slow = 0;
        SlowConsumerPolicy policy = SlowConsumerPolicy.WAIT;
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
                case "--rate" -> rate = Integer.parseInt(value);
                case "--slow" -> slow = Integer.parseInt(value);
                case "--policy" -> policy = SlowConsumerPolicy.valueOf(value.toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (impl == Impl.VERTX) {
            throw new IllegalArgumentException("broadcast-bench compares storm and netty only");
        }
        return new BroadcastOptions(impl, sessions, size, duration, warmup, ioThreads, rate, slow, policy);
    }
}
