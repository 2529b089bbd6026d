package io.stormsocket.benchmarks.rpc;

import io.stormsocket.rpc.RpcOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The {@code rpc-bench} command: {@code -c} Storm RPC clients, each keeping {@code -m} typed
 * requests in flight, against a Storm {@code RpcServer} that answers each request with itself.
 * The server runs in-process on a free port unless {@code --port} names one.
 *
 * <p>Every answer is checked against its request; latency is from the {@code request} call to
 * the completion of its future, recorded in an HdrHistogram. Nothing is counted during warm-up.
 *
 * <p>Threading: {@link #run(RpcBenchOptions)} blocks the calling thread for warm-up plus duration.
 */
public final class RpcBench {
    private static final long DRAIN_TIMEOUT_SECONDS = 30;
    private static final int MAX_REPORTED_ERRORS = 10;

    private final RpcBenchOptions options;
    private final Histogram histogram = new ConcurrentHistogram(3);
    private final LongAdder answered = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private volatile boolean measuring;
    private volatile boolean stopping;

    private RpcBench(RpcBenchOptions options) {
        this.options = options;
    }

    /**
     * Starts the server (unless external), connects the clients, warms up, measures and closes
     * everything.
     *
     * @param options what to run
     * @return the measurement
     * @throws Exception if the server cannot start or a client cannot connect
     */
    public static RpcBenchResult run(RpcBenchOptions options) throws Exception {
        return new RpcBench(options).measure();
    }

    private RpcBenchResult measure() throws Exception {
        RpcOptions rpc = RpcOptions.builder()
                .maxInFlight(Math.max(RpcOptions.DEFAULT_MAX_IN_FLIGHT, options.inFlight()))
                .build();
        try (RpcPeers peers = new RpcPeers(options.proto(), rpc, options.ioThreads())) {
            int port = options.inProcessServer() ? peers.startServer() : options.port();
            String host = options.inProcessServer() ? "127.0.0.1" : options.host();
            List<RpcLoad> loads = new ArrayList<>();
            for (int i = 0; i < options.clients(); i++) {
                loads.add(new RpcLoad(this, peers.connect(host, port)));
            }
            for (RpcLoad load : loads) {
                load.start(options.inFlight());
            }
            Thread.sleep(options.warmup().toMillis());
            long start = System.nanoTime();
            measuring = true;
            Thread.sleep(options.duration().toMillis());
            measuring = false;
            long elapsed = System.nanoTime() - start;
            stopping = true;
            for (RpcLoad load : loads) {
                if (!load.drained().await(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    error("requests still unanswered " + DRAIN_TIMEOUT_SECONDS + " s after the run");
                }
            }
            return new RpcBenchResult(options.proto(), answered.sum() / (elapsed / 1e9),
                    histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3, errors.sum());
        }
    }

    boolean stopping() {
        return stopping;
    }

    void answered(long nanos) {
        if (measuring) {
            histogram.recordValue(nanos);
            answered.increment();
        }
    }

    void error(String what) {
        errors.increment();
        if (errors.sum() <= MAX_REPORTED_ERRORS) {
            System.err.println("rpc-bench: " + what);
        }
    }

    /**
     * Runs the {@code rpc-bench} command and prints its {@code RESULT} line.
     *
     * @param args the command's arguments
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        RpcBenchOptions options = RpcBenchOptions.parse(args);
        System.out.println("# rpc-bench " + options + " java=" + System.getProperty("java.version"));
        System.out.flush();
        RpcBenchResult result = run(options);
        byte[] line = (result.line() + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII);
        System.out.write(line, 0, line.length);
        System.out.flush();
    }
}
