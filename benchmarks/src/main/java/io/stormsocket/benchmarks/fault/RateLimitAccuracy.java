package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.RateLimiter;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A peer sending paced frames at ten times a per-session {@link RateLimiter} limit with
 * {@code DROP}: the frames let through over the run must be the limit times the run's length,
 * within {@link #TOLERANCE}; the healthy client, paced under the limit, must lose nothing.
 */
final class RateLimitAccuracy implements Attack {
    static final double TOLERANCE = 0.05;
    private static final int FRAME = 20;

    private final int limit;
    private final Duration duration;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private Socket socket;
    private Session victim;
    private Background sender;
    private Background drain;
    private long elapsedNanos;

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
        return "rate-limit-10x";
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
        socket = target.connect();
        victim = target.nextSession();
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[8192];
        drain = Background.loop("rate-limit drain", () -> {
            try {
                return in.read(sink) >= 0;
            } catch (java.net.SocketException closed) {
                return false;
            }
        });
        OutputStream out = socket.getOutputStream();
        byte[] frame = new byte[FRAME];
        frame[3] = FRAME - 4;
        // Ten frames per limit unit, sent in bursts of ten every 1/limit seconds.
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / limit;
        byte[] burst = new byte[10 * FRAME];
        for (int i = 0; i < 10; i++) {
            System.arraycopy(frame, 0, burst, i * FRAME, FRAME);
        }
        long startNanos = System.nanoTime();
        sender = Background.loop("rate-limit attacker", () -> {
            long now = System.nanoTime();
            if (now - startNanos >= duration.toNanos()) {
                elapsedNanos = now - startNanos;
                return false;
            }
            long due = startNanos + (sent.get() / 10) * intervalNanos;
            if (now < due) {
                java.util.concurrent.locks.LockSupport.parkNanos(due - now);
                return true;
            }
            out.write(burst);
            sent.addAndGet(10);
            return true;
        });
    }

    @Override
    public Outcome stop() throws Exception {
        sender.stop(duration);
        long deadline = System.nanoTime() + FaultTarget.TIMEOUT.toNanos();
        while (victim.metrics().framesIn() < sent.get() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        long passed = victim.metrics().framesIn() - dropped.get();
        double seconds = elapsedNanos / 1e9;
        double expected = limit * seconds;
        double error = (passed - expected) / expected;
        boolean open = victim.isOpen();
        boolean ok = open && Math.abs(error) <= TOLERANCE;
        socket.close();
        drain.stop();
        return new Outcome(open ? "open_dropping" : FaultTarget.closeOf(victim), ok, String.format(
                "limit_per_s=%d sent=%d sent_per_s=%.0f passed=%d expected=%.0f error_pct=%.2f tolerance_pct=%.0f",
                limit, sent.get(), sent.get() / seconds, passed, expected, 100 * error, 100 * TOLERANCE));
    }
}
