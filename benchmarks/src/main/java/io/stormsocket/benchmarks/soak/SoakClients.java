package io.stormsocket.benchmarks.soak;

import io.stormsocket.benchmarks.Cli;
import io.stormsocket.benchmarks.echo.Proto;
import io.stormsocket.core.StormResources;
import io.stormsocket.core.Transport;
import io.stormsocket.ssl.TrustMaterial;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The hidden {@code soak-clients} command that {@code soak-bench} runs in its own JVM:
 * {@code --proto tcp|ws --port N --secure-port N --trust cert.pem --sessions N --messages N -z seconds
 * --churn-workers N --transport T}. It opens the steady sessions and prints {@value #OPEN}; sends the numbered
 * messages in rounds over the hold time while the churn runs, waits for the echoes and prints
 * {@value #DONE}; waits for {@value #CLOSE} on its standard input, closes every session and prints
 * {@value #CLOSED} with the leak reports of this JVM. Each line is {@code TAG key=value ...}.
 *
 * <p>Threading: the command's thread connects, sends and closes; the churn has threads of its own;
 * the connections share two event loops.
 */
public final class SoakClients {
    /** The line printed once the steady sessions are open. */
    static final String OPEN = "OPEN";
    /** The line printed once the hold and the churn are over and the echoes are in. */
    static final String DONE = "DONE";
    /** The line the servers' JVM sends on standard input once it may close the sessions. */
    static final String CLOSE = "CLOSE";
    /** The line printed once every session is closed. */
    static final String CLOSED = "CLOSED";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration ECHO_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private SoakClients() {
    }

    /**
     * Runs the clients.
     *
     * @param args the options
     * @throws Exception if the clients cannot start
     */
    public static void main(String[] args) throws Exception {
        LeakWatch.install();
        Proto proto = Proto.TCP;
        int port = 0;
        int securePort = 0;
        Path trust = null;
        int sessions = 0;
        int messages = 0;
        Duration hold = Duration.ZERO;
        int churnWorkers = 0;
        Transport transport = Transport.AUTO;
        for (int i = 0; i < args.length; i += 2) {
            String value = Cli.value(args, i);
            switch (args[i]) {
                case "--proto" -> proto = Proto.parse(value);
                case "--port" -> port = Integer.parseInt(value);
                case "--secure-port" -> securePort = Integer.parseInt(value);
                case "--trust" -> trust = Path.of(value);
                case "--sessions" -> sessions = Integer.parseInt(value);
                case "--messages" -> messages = Integer.parseInt(value);
                case "-z" -> hold = Cli.seconds(value);
                case "--churn-workers" -> churnWorkers = Integer.parseInt(value);
                case "--transport" -> transport = Transport.valueOf(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (trust == null) {
            throw new IllegalArgumentException("--trust is required");
        }
        StormResources resources = StormResources.create(transport, 2, "soak-client");
        SoakClientFactory factory = new SoakClientFactory(proto, resources, TrustMaterial.pem(trust));
        SteadySessions steady = new SteadySessions();
        steady.open(sessions, factory, port, CONNECT_TIMEOUT);
        report(OPEN + " connected=" + steady.connected() + " connect_failures=" + steady.connectFailures());

        long start = System.nanoTime();
        Churn churn = new Churn();
        churn.start(churnWorkers, factory, port, securePort, start + hold.toNanos());
        long roundNanos = hold.toNanos() / messages;
        for (int round = 0; round < messages; round++) {
            steady.sendRound(round, start + round * roundNanos, start + (round + 1) * roundNanos);
        }
        churn.join();
        steady.awaitEchoes(ECHO_TIMEOUT);
        report(DONE + " sent=" + steady.sent() + " echoed=" + steady.echoed() + " out_of_order="
                + steady.outOfOrder() + " send_failures=" + steady.sendFailures() + " ended_early="
                + steady.endedEarly() + " churn=" + churn.cycles() + " churn_tls=" + churn.secureCycles()
                + " churn_slow=" + churn.slowCycles() + " churn_failures=" + churn.failures() + " errors=" + steady.errors());

        // The servers' JVM measures its heap now, with every session open and quiet, and then says CLOSE.
        String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (!CLOSE.equals(go)) {
            throw new IllegalStateException("expected " + CLOSE + " on standard input, got " + go);
        }
        int notClosed = steady.closeAll(CLOSE_TIMEOUT);
        boolean stopped = resources.shutdown(Duration.ofSeconds(10));
        report(CLOSED + " not_closed=" + notClosed + " threads_stopped=" + (stopped ? 1 : 0) + " leaks="
                + LeakWatch.collectAndCount());
    }

    private static void report(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
