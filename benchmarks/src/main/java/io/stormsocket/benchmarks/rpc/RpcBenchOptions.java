package io.stormsocket.benchmarks.rpc;

import io.stormsocket.benchmarks.Cli;
import io.stormsocket.benchmarks.echo.Proto;
import java.time.Duration;

/**
 * The options of {@code rpc-bench}.
 *
 * @param proto tcp or ws (RPC envelopes in Storm's length-prefix framing, or one per binary
 *     WebSocket message)
 * @param host the server's host
 * @param port the server's port; 0 (the default) starts a Storm RPC server in-process on a free
 *     port of 127.0.0.1 and ignores {@code host}
 * @param clients the number of RPC clients, one connection each ({@code -c})
 * @param inFlight requests in flight per client ({@code -m})
 * @param duration how long to measure ({@code -z})
 * @param warmup how long to run before measuring ({@code --warmup})
 * @param ioThreads the event loops the clients share
 */
public record RpcBenchOptions(Proto proto, String host, int port, int clients, int inFlight, Duration duration,
        Duration warmup, int ioThreads) {

    /**
     * Validates the options.
     *
     * @param proto tcp or ws
     * @param host the server's host
     * @param port the server's port, 0 for an in-process server
     * @param clients the number of clients
     * @param inFlight requests in flight per client
     * @param duration how long to measure
     * @param warmup how long to run before measuring
     * @param ioThreads the clients' event loops
     */
    public RpcBenchOptions {
        if (proto != Proto.TCP && proto != Proto.WS) {
            throw new IllegalArgumentException("rpc-bench runs over tcp or ws, not " + proto.label());
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (clients < 1 || inFlight < 1 || ioThreads < 1) {
            throw new IllegalArgumentException("-c, -m and --io-threads must be at least 1");
        }
        if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("-z must be positive and --warmup not negative");
        }
    }

    /**
     * Tells whether the command starts its own server.
     *
     * @return {@code true} when no port was given
     */
    public boolean inProcessServer() {
        return port == 0;
    }

    /**
     * Parses {@code --proto tcp|ws -c clients -m in-flight -z seconds [--warmup seconds]
     * [--host H --port N] [--io-threads N]}. Defaults: tcp, 10 clients, 100 in flight, 10 s,
     * 2 s of warm-up, an in-process server.
     *
     * @param args the command's arguments
     * @return the options
     */
    public static RpcBenchOptions parse(String[] args) {
        Proto proto = Proto.TCP;
        String host = "127.0.0.1";
        int port = 0;
        int clients = 10;
        int inFlight = 100;
        Duration duration = Duration.ofSeconds(10);
        Duration warmup = Duration.ofSeconds(2);
        int ioThreads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = Cli.value(args, i++);
            switch (name) {
                case "--proto" -> proto = Proto.parse(value);
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "-c" -> clients = Integer.parseInt(value);
                case "-m" -> inFlight = Integer.parseInt(value);
                case "-z" -> duration = Cli.seconds(value);
                case "--warmup" -> warmup = Cli.seconds(value);
                case "--io-threads" -> ioThreads = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new RpcBenchOptions(proto, host, port, clients, inFlight, duration, warmup, ioThreads);
    }
}
