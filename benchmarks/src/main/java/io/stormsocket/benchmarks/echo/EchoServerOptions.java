package io.stormsocket.benchmarks.echo;

import io.stormsocket.benchmarks.Cli;
import java.util.Locale;

/**
 * The options of {@code echo-server}.
 *
 * @param impl Storm or the raw-Netty baseline
 * @param proto tcp, tls, ws or wss
 * @param port the port, 0 for any free one
 * @param framing the framing of messages (tcp and tls only)
 * @param ioThreads the number of event loops (the same for both implementations)
 * @param compression whether a WebSocket server accepts a permessage-deflate offer (ws and wss
 *     only; on by default, {@code --no-compression} turns it off)
 */
public record EchoServerOptions(Impl impl, Proto proto, int port, Framing framing, int ioThreads,
        boolean compression) {

    /** The implementation of the echo server. */
    public enum Impl {
        /** The Storm echo: {@code server.onDataReceived((s, d) -> s.send(d))}. */
        STORM,
        /** The best raw-Netty echo: one buffer per message, one flush per read batch. */
        NETTY,
        /** The Vert.x echo (tcp and ws only): {@code NetServer} with a {@code RecordParser}, or a WebSocket handler. */
        VERTX;

        /**
         * Parses {@code storm}, {@code netty} or {@code vertx}.
         *
         * @param name the name
         * @return the implementation
         */
        public static Impl parse(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Validates the options.
     *
     * @param impl Storm or the raw-Netty baseline
     * @param proto tcp, tls, ws or wss
     * @param port the port, 0 for any free one
     * @param framing the framing of messages
     * @param ioThreads the number of event loops
     * @param compression whether a WebSocket server accepts permessage-deflate
     */
    public EchoServerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("io threads must be at least 1: " + ioThreads);
        }
    }

    /**
     * Parses {@code --impl storm|netty|vertx --proto tcp|tls|ws|wss --port N [--framing length|line|raw]
     * [--io-threads N] [--no-compression | --compression]}.
     *
     * @param args the command's arguments
     * @return the options
     */
    public static EchoServerOptions parse(String[] args) {
        Impl impl = Impl.STORM;
        Proto proto = Proto.TCP;
        int port = 5000;
        Framing framing = Framing.LENGTH;
        int ioThreads = Runtime.getRuntime().availableProcessors();
        boolean compression = true;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--compression") || name.equals("--no-compression")) {
                compression = name.equals("--compression");
                continue;
            }
            String value = Cli.value(args, i++);
            switch (name) {
                case "--impl" -> impl = Impl.parse(value);
                case "--proto" -> proto = Proto.parse(value);
                case "--port" -> port = Integer.parseInt(value);
                case "--framing" -> framing = Framing.parse(value);
                case "--io-threads" -> ioThreads = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new EchoServerOptions(impl, proto, port, framing, ioThreads, compression);
    }
}
