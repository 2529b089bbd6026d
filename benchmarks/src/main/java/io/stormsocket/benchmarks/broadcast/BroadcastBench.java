package io.stormsocket.benchmarks.broadcast;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code broadcast-bench} command: a broadcast server (Storm or raw Netty) in this JVM,
 * {@code --sessions} subscribers in a second JVM, and one publisher thread that broadcasts to the
 * group for warm-up plus {@code -z} seconds, as fast as backpressure allows: at most
 * {@value #WINDOW} broadcasts are outstanding, and a broadcast is done when every member's write
 * completed. Each message carries its sequence number and publish time; every subscriber checks it
 * gets every message in order and records the lag.
 *
 * <p>Threading: {@link #run(BroadcastOptions)} blocks the calling thread, which is the publisher.
 */
public final class BroadcastBench {
    /** Accept backlog of both servers: the subscribers connect a few hundred at a time. */
    static final int BACKLOG = 4096;
    /** Broadcasts in flight at once: enough to keep the event loops busy, few enough to bound memory. */
    static final int WINDOW = 4;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration END_TIMEOUT = Duration.ofSeconds(60);

    private BroadcastBench() {
    }

    /**
     * Runs one measurement.
     *
     * @param options what to run
     * @return the measurement
     * @throws Exception if the server, the subscriber JVM or the connections fail to start
     */
    public static BroadcastResult run(BroadcastOptions options) throws Exception {
        Duration subscriberTimeout = CONNECT_TIMEOUT.plus(options.warmup()).plus(options.duration()).plus(END_TIMEOUT);
        try (BroadcastServer server = switch (options.impl()) {
            case STORM -> StormBroadcastServer.start(options);
            case NETTY -> NettyBroadcastServer.start(options);
            case VERTX -> throw new IllegalArgumentException("broadcast-bench compares storm and netty only");
        }; SubscriberProcess subscribers = SubscriberProcess.start(server.port(), options, subscriberTimeout)) {
            if (!subscribers.awaitReady(CONNECT_TIMEOUT)) {
                throw new IllegalStateException("the subscriber JVM did not connect its " + options.sessions()
                        + " sessions within " + CONNECT_TIMEOUT + " (see its messages above)");
            }
            SlowMembers slow = SlowMembers.connect(options.slow(), server.port());
            try {
                int members = options.sessions() + options.slow();
                if (!server.awaitSubscribers(members, CONNECT_TIMEOUT)) {
                    throw new IllegalStateException("not all " + members + " sessions joined the group");
                }
                return publish(options, server, subscribers);
            } finally {
                slow.close();
            }
        }
    }

    private static BroadcastResult publish(BroadcastOptions options, BroadcastServer server,
            SubscriberProcess subscribers) throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        LongAdder missed = new LongAdder();
        long start = System.nanoTime();
        long measureFrom = start + options.warmup().toNanos();
        long end = measureFrom + options.duration().toNanos();
        long sequence = 0;
        long measured = 0;
        long firstMeasured = 0;
        long now;
        long pace = options.rate() == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / options.rate();
        while ((now = System.nanoTime()) < end) {
            if (pace == 0) {
                window.acquire();
            } else if (start + sequence * pace > now) {
                // Pacing, not waiting for an event: message n goes out n intervals after the start.
                TimeUnit.NANOSECONDS.sleep(start + sequence * pace - now);
            }
            boolean measuring = System.nanoTime() >= measureFrom;
            long timestamp = System.nanoTime();
            if (measuring && measured++ == 0) {
                firstMeasured = timestamp;
            }
            CompletableFuture<Long> broadcast = server.publish(options.size(), sequence++, timestamp, measuring);
            if (pace == 0) {
                broadcast.whenComplete((notReached, failure) -> {
                    missed.add(failure != null ? options.sessions() : notReached);
                    window.release();
                });
            }
        }
        long publishEnd = System.nanoTime();
        long endNotReached;
        if (pace == 0) {
            window.acquire(WINDOW);
            endNotReached = server.publish(options.size(), BroadcastMessage.END, sequence, false)
                    .get(END_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            // A paced publisher does not wait for broadcasts: one that includes a member that never
            // reads may never complete. The subscribers' report tells whether the healthy got all.
            server.publish(options.size(), BroadcastMessage.END, sequence, false);
            endNotReached = 0;
        }
        SubscriberReport report = subscribers.awaitReport(END_TIMEOUT.plus(END_TIMEOUT));
        double publishSeconds = Math.max(1, publishEnd - firstMeasured) / 1e9;
        // Deliveries are counted up to the last receipt; both JVMs read the same monotonic clock.
        double deliverySeconds = report.lastReceiveNanos() > firstMeasured
                ? (report.lastReceiveNanos() - firstMeasured) / 1e9 : publishSeconds;
        SlowOutcome slow = server.slowOutcome(options);
        long slowErrors = slow.asPromised(options.policy()) ? 0 : 1;
        return new BroadcastResult(options.impl(), options.sessions(), measured / publishSeconds,
                report.deliveries() / deliverySeconds, report.p50LagMicros(), report.p99LagMicros(),
                report.maxLagMicros(), report.errors() + missed.sum() + endNotReached + slowErrors, options.policy(),
                slow);
    }

    /**
     * Runs the {@code broadcast-bench} command and prints its {@code RESULT} line.
     *
     * @param args the command's arguments
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        BroadcastOptions options = BroadcastOptions.parse(args);
        System.out.println("# broadcast-bench " + options + " java=" + System.getProperty("java.version"));
        System.out.flush();
        BroadcastResult result = run(options);
        System.out.println(result.details());
        byte[] line = (result.line() + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII);
        System.out.write(line, 0, line.length);
        System.out.flush();
    }
}
