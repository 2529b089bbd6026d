package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.RateLimiter;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A peer that writes frames as fast as it can against a per-session {@link RateLimiter} with
 * {@code DISCONNECT}; it must end with {@code RATE_LIMITED}.
 */
final class MessageFlood implements Attack {
    /** The row's name. */
    static final String NAME = "flood";

    private final int limit;
    private FaultTarget target;
    private Session victim;

    /** @param limit frames per second each session may send */
    MessageFlood(int limit) {
        this.limit = limit;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ServerConfig.Builder serverConfig() {
        return ServerConfig.builder().middleware(RateLimiter.builder().maxMessages(limit)
                .window(Duration.ofSeconds(1)).build());
    }

    @Override
    public Duration healthyPace() {
        return Duration.ofNanos(2_000_000_000L / limit);
    }

    @Override
    public void start(FaultTarget target) throws Exception {
        this.target = target;
        target.attacker().begin(NAME, target.server().port());
        victim = target.nextSession();
    }

    @Override
    public Outcome stop() throws Exception {
        String reason = FaultTarget.closeOf(victim);
        long frames = target.attacker().stop().get("frames");
        target.attacker().release();
        return new Outcome(reason, reason.equals("RATE_LIMITED"), "limit_per_s=" + limit + " frames_written=" + frames);
    }

    /** The attacker JVM's half: one socket writing 16-byte frames, 64 a write, until the server closes it. */
    static final class Attacker implements AttackerHalf {
        private static final int FRAME = 20;
        private final AtomicLong frames = new AtomicLong();
        private Socket socket;

        @Override
        public void run(AttackerLink link) throws Exception {
            socket = link.connect();
            byte[] batch = new byte[64 * FRAME];
            for (int i = 0; i < batch.length; i += FRAME) {
                batch[i + 3] = FRAME - 4;
            }
            OutputStream out = socket.getOutputStream();
            Background loop = Background.loop("flood attacker", () -> {
                try {
                    out.write(batch);
                    frames.addAndGet(64);
                    return true;
                } catch (IOException closedByTheServer) {
                    return false;
                }
            });
            AttackerLink.report(AttackerJvm.STARTED);
            link.expect(AttackerJvm.STOP);
            loop.stop();
            link.stopped("frames", frames.get());
        }

        @Override
        public void release() throws Exception {
            if (socket != null) {
                socket.close();
            }
        }
    }
}
