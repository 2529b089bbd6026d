package io.stormsocket.benchmarks.echo;

import io.stormsocket.benchmarks.Cli;
import java.time.Duration;

/**
 * The options of {@code echo-client}. Defaults are StormSocket's published benchmark:
 * 100 clients, 1,000 messages in flight each, 32-byte payloads, 10 seconds.
 *
 * <p>For ws and wss the client offers permessage-deflate only with {@code --compression}: by
 * default WebSocket runs measure the framing, not zlib.
 *
 * @param proto tcp, tls, ws or wss
 * @param host the server's host
 * @param port the server's port
 * @param clients the number of connections ({@code -c})
 * @param inFlight messages in flight per connection ({@code -m}); 1 is the depth-1 latency mode
 * @param size the payload size in bytes ({@code -s})
 * @param duration how long to measure ({@code -z})
 * @param warmup how long to run before measuring ({@code --warmup})
 * @param framing the framing the server expects (tcp and tls only)
 * @param ioThreads the client's event loops
 * @param compression whether a WebSocket client offers permessage-deflate ({@code --compression})
 */
public record EchoClientOptions(Proto proto, String host, int port, int clients, int inFlight, int size,
        Duration duration, Duration warmup, Framing framing, int ioThreads, boolean compression) {

    /**
     * Validates the options.
     *
     * @param proto tcp, tls, ws or wss
     * @param host the server's host
     * @param port the server's port
     * @param clients the number of connections
     * @param inFlight messages in flight per connection
     * @param size the payload size in bytes
     * @param duration how long to measure
     * @param warmup how long to run before measuring
     * @param framing the framing the server expects
     * @param ioThreads the client's event loops
     * @param compression whether a WebSocket client offers permessage-deflate
     */
    public EchoClientOptions {
        if (clients < 1 || inFlight < 1 || size < 1 || ioThreads < 1) {
            throw new IllegalArgumentException("-c, -m, -s and --io-threads must be at least 1");
        }
        if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("-z must be positive and --warmup not negative");
        }
    }

    /**
     * Parses {@code --proto tcp|tls|ws|wss --host H --port N -c clients -m in-flight -s size
     * -z seconds [--warmup seconds] [--framing length|line|raw] [--io-threads N]
     * [--compression | --no-compression]}.
     *
     * @param args the command's arguments
     * @return the options
     */
    public static EchoClientOptions parse(String[] args) {
        Proto proto = Proto.TCP;
        String host = "127.0.0.1";
        int port = 5000;
        int clients = 100;
        int inFlight = 1000;
        int size = 32;
        Duration duration = Duration.ofSeconds(10);
        Duration warmup = Duration.ofSeconds(2);
        Framing framing = Framing.LENGTH;
        int ioThreads = Runtime.getRuntime().availableProcessors();
        boolean compression = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--compression") || name.equals("--no-compression")) {
                compression = name.equals("--compression");
                continue;
            }
            String value = Cli.value(args, i++);
            switch (name) {
                case "--proto" -> proto = Proto.parse(value);
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "-c" -> clients = Integer.parseInt(value);
                case "-m" -> inFlight = Integer.parseInt(value);
                case "-s" -> size = Integer.parseInt(value);
                case "-z" -> duration = Cli.seconds(value);
                case "--warmup" -> warmup = Cli.seconds(value);
                case "--framing" -> framing = Framing.parse(value);
                case "--io-threads" -> ioThreads = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new EchoClientOptions(proto, host, port, clients, inFlight, size, duration, warmup, framing,
                ioThreads, compression);
    }
}
