package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.RateLimiter;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

/**
 * A peer that writes frames as fast as it can against a per-session {@link RateLimiter} with
 * {@code DISCONNECT}; it must end with {@code RATE_LIMITED}.
 */
final class MessageFlood implements Attack {
    private final int limit;
    private Socket socket;
    private Session victim;
    private Background loop;

    /** @param limit frames per second each session may send */
    MessageFlood(int limit) {
        this.limit = limit;
    }

    @Override
    public String name() {
        return "flood";
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
        socket = target.connect();
        victim = target.nextSession();
        byte[] frames = new byte[64 * 20];
        for (int i = 0; i < frames.length; i += 20) {
            frames[i + 3] = 16;
        }
        OutputStream out = socket.getOutputStream();
        loop = Background.loop("flood attacker", () -> {
            try {
                out.write(frames);
                return true;
            } catch (IOException closedByTheServer) {
                return false;
            }
        });
    }

    @Override
    public Outcome stop() throws Exception {
        String reason = FaultTarget.closeOf(victim);
        loop.stop();
        socket.close();
        return new Outcome(reason, reason.equals("RATE_LIMITED"), "limit_per_s=" + limit);
    }
}
