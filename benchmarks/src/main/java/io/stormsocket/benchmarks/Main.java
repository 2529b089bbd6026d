package io.stormsocket.benchmarks;

import io.stormsocket.benchmarks.broadcast.BroadcastBench;
import io.stormsocket.benchmarks.broadcast.BroadcastSubscribers;
import io.stormsocket.benchmarks.echo.EchoClient;
import io.stormsocket.benchmarks.echo.EchoServerCommand;
import io.stormsocket.benchmarks.fault.FaultAttackers;
import io.stormsocket.benchmarks.fault.FaultBench;
import io.stormsocket.benchmarks.heap.IdleClients;
import io.stormsocket.benchmarks.heap.IdleHeapBench;
import io.stormsocket.benchmarks.rpc.RpcBench;
import io.stormsocket.benchmarks.shutdown.ShutdownBench;
import io.stormsocket.benchmarks.shutdown.ShutdownClients;
import io.stormsocket.benchmarks.soak.SoakBench;
import io.stormsocket.benchmarks.soak.SoakClients;
import java.util.Arrays;

/**
 * The benchmarks jar's entry point: {@code java -jar storm-benchmarks.jar <command> [options]}.
 *
 * <ul>
 *   <li>{@code echo-server --impl storm|netty|vertx --proto tcp|tls|ws|wss --port N [--framing length|line|raw]
 *       [--io-threads N] [--no-compression]}</li>
 *   <li>{@code echo-client --proto tcp|tls|ws|wss --host H --port N -c clients -m in-flight -s size
 *       -z seconds [--warmup seconds] [--framing length|line|raw] [--io-threads N] [--compression]}</li>
 *   <li>{@code rpc-bench --proto tcp|ws -c clients -m in-flight -z seconds [--warmup seconds]
 *       [--host H --port N] [--io-threads N]}</li>
 *   <li>{@code broadcast-bench --impl storm|netty --sessions N -s size -z seconds [--warmup seconds]
 *       [--io-threads N]}; it starts its subscribers in a second JVM with the hidden command
 *       {@code broadcast-subscribers}</li>
 *   <li>{@code idle-heap --impl storm|netty --proto tcp|ws [--connections N] [--io-threads N]}: heap
 *       per idle connection; its clients run in a second JVM (hidden command {@code idle-clients})</li>
 *   <li>{@code shutdown-bench --proto ws [--sessions N] [--grace seconds] [--io-threads N]}: a graceful
 *       stop with that many live WebSocket sessions; its clients run in a second JVM (hidden command
 *       {@code shutdown-clients})</li>
 *   <li>{@code soak-bench --proto tcp|ws [--sessions 10000] [--messages 20] [-z 30] [--churn-workers 8]
 *       [--heartbeat 5] [--io-threads 2] [--heap-bound-mib 12] [--fd-slack 32]}: the full-size soak; its
 *       clients run in a second JVM (hidden command {@code soak-clients})</li>
 *   <li>{@code jmh [JMH options and benchmark regex]}: runs the JMH benchmarks in this jar
 *       (everything after {@code jmh} goes to {@code org.openjdk.jmh.Main})</li>
 * </ul>
 */
public final class Main {
    private Main() {
    }

    /**
     * Dispatches to a command.
     *
     * @param args the command's name, then its options
     * @throws Exception if the command fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "echo-server" -> EchoServerCommand.main(rest);
                case "echo-client" -> EchoClient.main(rest);
                case "rpc-bench" -> RpcBench.main(rest);
                case "broadcast-bench" -> BroadcastBench.main(rest);
                // Hidden: the subscriber JVM that broadcast-bench starts.
                case "broadcast-subscribers" -> BroadcastSubscribers.main(rest);
                case "fault-bench" -> FaultBench.main(rest);
                // Hidden: the attacker JVM that fault-bench starts.
                case "fault-attackers" -> FaultAttackers.main(rest);
                case "idle-heap" -> IdleHeapBench.main(rest);
                // Hidden: the client JVM that idle-heap starts.
                case "idle-clients" -> IdleClients.main(rest);
                case "shutdown-bench" -> ShutdownBench.main(rest);
                // Hidden: the client JVM that shutdown-bench starts.
                case "shutdown-clients" -> ShutdownClients.main(rest);
                case "soak-bench" -> SoakBench.main(rest);
                // Hidden: the client JVM that soak-bench starts.
                case "soak-clients" -> SoakClients.main(rest);
                case "jmh" -> org.openjdk.jmh.Main.main(rest);
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(args[0] + ": " + e.getMessage());
            System.exit(2);
        }
    }

    private static void usage() {
        System.err.println("""
                usage: java -jar storm-benchmarks.jar <command> [options]
                  echo-server --impl storm|netty|vertx --proto tcp|tls|ws|wss --port N [--framing length|line|raw]
                              [--io-threads N] [--no-compression]
                  echo-client --proto tcp|tls|ws|wss --host H --port N [-c 100] [-m 1000] [-s 32] [-z 10] [--warmup 2]
                              [--framing length|line|raw] [--io-threads N] [--compression]
                  rpc-bench --proto tcp|ws [-c 10] [-m 100] [-z 10] [--warmup 2] [--host H --port N] [--io-threads N]
                  broadcast-bench --impl storm|netty [--sessions 10000] [-s 32] [-z 10] [--warmup 1] [--io-threads N]
                  fault-bench [--round-trips 2000] [--attackers 200] [-z 10] [--connect-rate 5000] [--cap 10]
                              [--rate-limit 1000] [--p99-bound 5] [--pin] [--rows name,name]
                  idle-heap --impl storm|netty --proto tcp|ws [--connections 10000] [--io-threads 1]
                  shutdown-bench --proto ws [--sessions 10000] [--grace 10] [--io-threads 2]
                  soak-bench --proto tcp|ws [--sessions 10000] [--messages 20] [-z 30] [--churn-workers 8]
                             [--heartbeat 5] [--io-threads 2] [--heap-bound-mib 12] [--fd-slack 32]
                  jmh [JMH options] [benchmark regex]      e.g. jmh -l, jmh Codec, jmh EchoRoundTrip -p impl=storm
                WebSocket servers accept permessage-deflate unless --no-compression; the client offers it only
                with --compression, so ws/wss runs measure framing by default.""");
    }
}
