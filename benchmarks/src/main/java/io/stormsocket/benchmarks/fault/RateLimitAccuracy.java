package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.RateLimiter;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A peer sending paced frames at ten times a per-session {@link RateLimiter} limit with
 * {@code DROP}: the frames let through over the run must be the limit times the run's length,
 * within {@link #TOLERANCE}; the healthy client, paced under the limit, must lose nothing.
 */
final class RateLimitAccuracy implements Attack {
    /** The row's name. */
    static final String NAME = "rate-limit-10x";
    static final double TOLERANCE = 0.05;
    private static final int FRAME = 20;

    private final int limit;
    private final Duration duration;
    private final AtomicLong dropped = new AtomicLong();
    private FaultTarget target;
    private volatile Session victim;

    /**
     * @param limit frames per second each session may send
     * @param duration how long the attacker sends
     */
    RateLimitAccuracy(int limit, Duration duration) {
        this.limit = limit;
        this.duration = duration;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ServerConfig.Builder serverConfig() {
        RateLimiter limiter = RateLimiter.builder().maxMessages(limit).window(Duration.ofSeconds(1))
                .action(RateLimiter.Action.DROP).build();
        limiter.onExceeded(session -> {
            if (session == victim) {
                dropped.incrementAndGet();
            }
        });
        return ServerConfig.builder().middleware(limiter);
    }

    @Override
    public Duration healthyPace() {
        return Duration.ofNanos(2_000_000_000L / limit);
    }

    @Override
    public void start(FaultTarget target) throws Exception {
        this.target = target;
        target.attacker().begin(NAME, target.server().port(), "limit", limit, "duration_ms", duration.toMillis());
        victim = target.nextSession();
    }

    @Override
    public Outcome stop() throws Exception {
        Map<String, Long> stopped = target.attacker().stop(duration.plus(FaultTarget.TIMEOUT));
        long sent = stopped.get("sent");
        long deadline = System.nanoTime() + FaultTarget.TIMEOUT.toNanos();
        while (victim.metrics().framesIn() < sent && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        long passed = victim.metrics().framesIn() - dropped.get();
        double seconds = stopped.get("elapsed_us") / 1e6;
        double expected = limit * seconds;
        double error = (passed - expected) / expected;
        boolean open = victim.isOpen();
        boolean ok = open && Math.abs(error) <= TOLERANCE;
        target.attacker().release();
        return new Outcome(open ? "open_dropping" : FaultTarget.closeOf(victim), ok, String.format(
                "limit_per_s=%d sent=%d sent_per_s=%.0f passed=%d expected=%.0f error_pct=%.2f tolerance_pct=%.0f",
                limit, sent, sent / seconds, passed, expected, 100 * error, 100 * TOLERANCE));
    }

    /**
     * The attacker JVM's half: one socket sending ten frames per 1/limit seconds for the duration
     * and draining what it gets back; the socket stays open until the bench has counted.
     */
    static final class Attacker implements AttackerHalf {
        private final AtomicLong sent = new AtomicLong();
        private Socket socket;
        private Background drain;
        private long elapsedNanos;

        @Override
        public void run(AttackerLink link) throws Exception {
            int limit = link.intArg("limit");
            Duration duration = Duration.ofMillis(link.intArg("duration_ms"));
            socket = link.connect();
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            drain = Background.loop("rate-limit drain", () -> {
                try {
                    return in.read(sink) >= 0;
                } catch (SocketException closed) {
                    return false;
                }
            });
            OutputStream out = socket.getOutputStream();
            byte[] burst = new byte[10 * FRAME];
            for (int i = 0; i < 10; i++) {
                burst[i * FRAME + 3] = FRAME - 4;
            }
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / limit;
            long startNanos = System.nanoTime();
            Background sender = Background.loop("rate-limit attacker", () -> {
                long now = System.nanoTime();
                if (now - startNanos >= duration.toNanos()) {
                    elapsedNanos = now - startNanos;
                    return false;
                }
                long due = startNanos + (sent.get() / 10) * intervalNanos;
                if (now < due) {
                    LockSupport.parkNanos(due - now);
                    return true;
                }
                out.write(burst);
                sent.addAndGet(10);
                return true;
            });
            AttackerLink.report(AttackerJvm.STARTED);
            link.expect(AttackerJvm.STOP);
            sender.stop(duration);
            link.stopped("sent", sent.get(), "elapsed_us", TimeUnit.NANOSECONDS.toMicros(elapsedNanos));
        }

        @Override
        public void release() throws Exception {
            if (socket != null) {
                socket.close();
                drain.stop();
            }
        }
    }
}
