package io.stormsocket.benchmarks.heap;

import io.stormsocket.benchmarks.Cli;
import io.stormsocket.benchmarks.echo.EchoServerOptions;
import io.stormsocket.benchmarks.echo.Proto;

/**
 * Options of {@code idle-heap}.
 *
 * @param impl the server implementation
 * @param proto {@code tcp} or {@code ws}
 * @param connections how many idle connections to hold
 * @param ioThreads the server's event loops
 */
public record IdleHeapOptions(EchoServerOptions.Impl impl, Proto proto, int connections, int ioThreads) {

    /**
     * Validates the options.
     *
     * @param impl the server implementation
     * @param proto {@code tcp} or {@code ws}
     * @param connections how many idle connections to hold
     * @param ioThreads the server's event loops
     * @throws IllegalArgumentException for TLS protocols or fewer than 100 connections
     */
    public IdleHeapOptions {
        if (proto != Proto.TCP && proto != Proto.WS) {
            throw new IllegalArgumentException("idle-heap measures tcp and ws, not " + proto.label());
        }
        if (connections < 100) {
            throw new IllegalArgumentException("--connections must be at least 100 for a meaningful average");
        }
    }

    /**
     * Parses {@code --impl storm|netty --proto tcp|ws [--connections 10000] [--io-threads 1]}.
     *
     * @param args the arguments
     * @return the options
     */
    public static IdleHeapOptions parse(String[] args) {
        EchoServerOptions.Impl impl = EchoServerOptions.Impl.STORM;
        Proto proto = Proto.TCP;
        int connections = 10_000;
        int ioThreads = 1;
        for (int i = 0; i < args.length; i += 2) {
            String value = Cli.value(args, i);
            switch (args[i]) {
                case "--impl" -> impl = EchoServerOptions.Impl.parse(value);
                case "--proto" -> proto = Proto.parse(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--io-threads" -> ioThreads = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new IdleHeapOptions(impl, proto, connections, ioThreads);
    }
}
