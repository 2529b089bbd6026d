package io.stormsocket.benchmarks.soak;

import io.stormsocket.benchmarks.Cli;
import io.stormsocket.benchmarks.echo.Proto;
import io.stormsocket.core.Transport;
import java.time.Duration;
import java.util.Locale;

/**
 * Options of {@code soak-bench}.
 *
 * @param proto {@code tcp} (steady sessions over TCP, churn over TCP and TLS) or {@code ws} (steady
 *     sessions over WebSocket with heartbeats, churn over ws and wss)
 * @param sessions steady sessions held open for the whole run
 * @param messages numbered messages each steady session sends, spread evenly over the hold time
 * @param hold how long the steady sessions are held and the churn runs
 * @param churnWorkers threads that each open, use and close one connection after another
 * @param heartbeat the WebSocket ping interval (three missed pongs end a session); over TCP the
 *     server closes a session silent for three intervals
 * @param ioThreads the server's event loops
 * @param heapBound how much the server's live heap may grow from before the clients connected to
 *     after they all closed
 * @param fdSlack how many more descriptors the server may hold after the run than before it
 * @param transport the transport of both JVMs ({@code --transport auto|io_uring|epoll|nio})
 */
public record SoakOptions(Proto proto, int sessions, int messages, Duration hold, int churnWorkers,
        Duration heartbeat, int ioThreads, long heapBound, int fdSlack, Transport transport) {
    /** The heap bound's default: 12 MiB. */
    public static final long DEFAULT_HEAP_BOUND = 12L * 1024 * 1024;
    /** The descriptor slack's default. */
    public static final int DEFAULT_FD_SLACK = 32;

    /**
     * Validates the options.
     *
     * @param proto tcp or ws
     * @param sessions steady sessions
     * @param messages messages per steady session
     * @param hold the hold and churn time
     * @param churnWorkers churn threads
     * @param heartbeat the heartbeat interval
     * @param ioThreads the server's event loops
     * @param heapBound the live-heap growth bound in bytes
     * @param fdSlack the descriptor slack
     * @param transport the transport of both JVMs
     * @throws IllegalArgumentException for tls or wss, or a count or duration out of range
     */
    public SoakOptions {
        if (proto.secure()) {
            throw new IllegalArgumentException("--proto tcp or ws (their churn runs with TLS and without), not "
                    + proto.label());
        }
        if (sessions < 1 || messages < 1 || churnWorkers < 0 || ioThreads < 1 || fdSlack < 0 || heapBound < 0) {
            throw new IllegalArgumentException("--sessions, --messages and --io-threads must be at least 1; "
                    + "--churn-workers, --heap-bound-mib and --fd-slack not negative");
        }
        if (hold.isNegative() || hold.isZero() || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("-z and --heartbeat must be positive");
        }
    }

    /**
     * Parses {@code --proto tcp|ws [--sessions 10000] [--messages 20] [-z 30] [--churn-workers 8]
     * [--heartbeat 5] [--io-threads 2] [--heap-bound-mib 12] [--fd-slack 32] [--transport auto]}.
     *
     * @param args the arguments
     * @return the options
     */
    public static SoakOptions parse(String[] args) {
        Proto proto = Proto.TCP;
        int sessions = 10_000;
        int messages = 20;
        Duration hold = Duration.ofSeconds(30);
        int churnWorkers = 8;
        Duration heartbeat = Duration.ofSeconds(5);
        int ioThreads = 2;
        long heapBound = DEFAULT_HEAP_BOUND;
        int fdSlack = DEFAULT_FD_SLACK;
        Transport transport = Transport.AUTO;
        for (int i = 0; i < args.length; i += 2) {
            String value = Cli.value(args, i);
            switch (args[i]) {
                case "--proto" -> proto = Proto.parse(value);
                case "--sessions" -> sessions = Integer.parseInt(value);
                case "--messages" -> messages = Integer.parseInt(value);
                case "-z" -> hold = Cli.seconds(value);
                case "--churn-workers" -> churnWorkers = Integer.parseInt(value);
                case "--heartbeat" -> heartbeat = Cli.seconds(value);
                case "--io-threads" -> ioThreads = Integer.parseInt(value);
                case "--heap-bound-mib" -> heapBound = Long.parseLong(value) * 1024 * 1024;
                case "--fd-slack" -> fdSlack = Integer.parseInt(value);
                case "--transport" -> transport = Transport.valueOf(value.toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new SoakOptions(proto, sessions, messages, hold, churnWorkers, heartbeat, ioThreads, heapBound,
                fdSlack, transport);
    }
}
