package io.stormsocket.samples;

import io.stormsocket.samples.chatclient.ChatClientSample;
import io.stormsocket.samples.rpc.RpcClientSample;
import io.stormsocket.samples.rpc.RpcServerSample;
import io.stormsocket.samples.sslecho.SslEchoSample;
import io.stormsocket.samples.tcpecho.TcpEchoSample;
import io.stormsocket.samples.wschat.WsChatSample;
import io.stormsocket.samples.wsserver.WsServerSample;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The samples jar's entry point: {@code java -jar storm-samples.jar <name> [--port N] [--host H]}.
 */
public final class Samples {
    /** A runnable sample: parses nothing itself, gets host and port from the launcher. */
    @FunctionalInterface
    interface Sample {
        void run(String host, int port) throws Exception;
    }

    private record Entry(int defaultPort, String description, Sample sample) {
    }

    private static final Map<String, Entry> SAMPLES = new TreeMap<>(Map.of(
            "tcp-echo", new Entry(5000, "TCP echo server; try it with: nc localhost 5000",
                    (host, port) -> TcpEchoSample.runUntilStopped(port)),
            "tcp-chat-client", new Entry(5000, "terminal client that reconnects; type lines, see replies",
                    (host, port) -> ChatClientSample.runOnTerminal(host, port)),
            "ssl-echo", new Entry(5001, "TLS echo server with a certificate made at start; prints an openssl line",
                    (host, port) -> SslEchoSample.runUntilStopped(port)),
            "ws-chat", new Entry(8080, "WebSocket chat; open http://localhost:8080/ in two browser tabs",
                    (host, port) -> WsChatSample.runUntilStopped(port)),
            "ws-server", new Entry(8080, "WebSocket JSON server (rooms, whispers, ticks) with an admin console on stdin",
                    (host, port) -> WsServerSample.runUntilStopped(port)),
            "rpc-server", new Entry(9000, "typed RPC server: forecasts, and asks each client who it is",
                    (host, port) -> RpcServerSample.runUntilStopped(port)),
            "rpc-client", new Entry(9000, "typed RPC client: answers the server, asks for three forecasts",
                    (host, port) -> RpcClientSample.runOnce(host, port))));

    private Samples() {
    }

    /**
     * Starts a sample.
     *
     * @param args the sample's name, then {@code --port N} and {@code --host H} (clients)
     * @throws Exception if the sample fails to start
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !SAMPLES.containsKey(args[0])) {
            usage(System.err);
            System.exit(2);
        }
        Entry entry = SAMPLES.get(args[0]);
        int port = entry.defaultPort();
        String host = "localhost";
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        for (int i = 0; i + 1 < options.length; i += 2) {
            switch (options[i]) {
                case "--port" -> port = Integer.parseInt(options[i + 1]);
                case "--host" -> host = options[i + 1];
                default -> {
                    usage(System.err);
                    System.exit(2);
                }
            }
        }
        entry.sample().run(host, port);
    }

    private static void usage(PrintStream out) {
        out.println("usage: storm-sample <name> [--port N] [--host H]");
        SAMPLES.forEach((name, entry) -> out.printf("  %-16s %s (port %d)%n", name, entry.description(), entry.defaultPort()));
    }
}
