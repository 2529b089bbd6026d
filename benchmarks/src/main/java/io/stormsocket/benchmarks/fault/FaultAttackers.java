package io.stormsocket.benchmarks.fault;

import io.stormsocket.benchmarks.Cli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The hidden {@code fault-attackers} command that {@code fault-bench} runs in its own JVM, so
 * that attackers do not share the server's JVM (its heap, JIT and safepoints) and can be pinned to
 * a core of their own: {@code [--cpu N]}. It takes one command per line on standard input:
 * {@code <row> port=P key=value ...} starts that row's {@link AttackerHalf}, which reports
 * {@code STARTED}, takes the row's own commands and {@code STOP}, and reports {@code STOPPED};
 * then {@code CLOSE} closes its sockets and is answered with {@code CLOSED}. {@code busy
 * permille=N} is the contention baseline: a CPU-only loop using N thousandths of a core
 * ({@link BusyLoop}). The command ends when its standard input does.
 *
 * <p>Threading: the main thread runs the commands; one thread reads standard input; attacks
 * start loops of their own.
 */
public final class FaultAttackers {
    private FaultAttackers() {
    }

    /**
     * Runs the attacker JVM.
     *
     * @param args {@code [--cpu N]}
     * @throws Exception if pinning fails
     */
    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].equals("--cpu")) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            CpuPinning.pinSelf(Cli.value(args, i));
        }
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readCommands(commands), "attacker-commands");
        reader.setDaemon(true);
        reader.start();
        int status = 0;
        try {
            String line;
            while (!(line = commands.take()).equals(AttackerLink.END)) {
                runOne(line, commands);
            }
        } catch (Exception e) {
            System.err.println("fault-attackers failed:");
            e.printStackTrace();
            AttackerLink.report("FAILED");
            status = 1;
        }
        // Attack loops are daemon threads; end them with the JVM.
        System.exit(status);
    }

    private static void runOne(String line, BlockingQueue<String> commands) throws Exception {
        String[] words = line.split(" ");
        Map<String, String> args = new HashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            args.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        AttackerLink link = new AttackerLink(commands, args);
        AttackerHalf half = half(words[0]);
        try {
            half.run(link);
            link.expect(AttackerJvm.CLOSE);
        } finally {
            half.release();
        }
        AttackerLink.report(AttackerJvm.CLOSED);
    }

    private static AttackerHalf half(String row) {
        return switch (row) {
            case BusyLoop.NAME -> new BusyLoop();
            case StopReading.NAME -> new StopReading.Attacker();
            case "half-frame", "slowloris" -> new SilentPeers.Attacker(SilentPeers.prefixOf(row));
            case ResetMidFrame.NAME -> new ResetMidFrame.Attacker();
            case MessageFlood.NAME -> new MessageFlood.Attacker();
            case ConnectionFlood.NAME -> new ConnectionFlood.Attacker();
            case RateLimitAccuracy.NAME -> new RateLimitAccuracy.Attacker();
            case OversizedPrefix.NAME -> new OversizedPrefix.Attacker();
            default -> throw new IllegalArgumentException("no attacker for row " + row);
        };
    }

    private static void readCommands(BlockingQueue<String> commands) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
            }
        } catch (IOException e) {
            System.err.println("fault-attackers: reading commands: " + e);
        } finally {
            commands.add(AttackerLink.END);
        }
    }
}
