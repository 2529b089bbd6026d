package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.ServerConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connects from one address at a fixed rate for a fixed time against
 * {@code maxConnectionsPerAddress}: the server must never hold more than the cap from that
 * address at once, and a legitimate client on another address must still connect and get an
 * echo quickly (its worst connect-plus-echo time is reported against {@link #LEGIT_BOUND}).
 */
final class ConnectionFlood implements Attack {
    static final Duration LEGIT_BOUND = Duration.ofMillis(200);

    private final int cap;
    private final int perSecond;
    private final Duration duration;
    private final java.util.Set<io.stormsocket.core.Session> attackers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong legitWorstNanos = new AtomicLong();
    private final AtomicLong legitConnects = new AtomicLong();
    private FaultTarget target;
    private Background flood;
    private Background legit;

    ConnectionFlood(int cap, int perSecond, Duration duration) {
        this.cap = cap;
        this.perSecond = perSecond;
        this.duration = duration;
    }

    @Override
    public String name() {
        return "connection-flood";
    }

    @Override
    public ServerConfig.Builder serverConfig() {
        return ServerConfig.builder().maxConnectionsPerAddress(cap);
    }

    @Override
    public void start(FaultTarget target) {
        this.target = target;
        target.server().onConnected(session -> {
            if (isAttacker(session.remoteAddress())) {
                attackers.add(session);
                // The cap counts open connections; a closed one's disconnect event may still be
                // on its way, so count open channels, not connect minus disconnect events.
                int open = (int) attackers.stream().filter(s -> s.channel().isOpen()).count();
                maxOpen.accumulateAndGet(open, Math::max);
            }
        });
        target.server().onDisconnected((session, reason) -> {
            attackers.remove(session);
        });
        long startNanos = System.nanoTime();
        long endNanos = startNanos + duration.toNanos();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        // Holds a few connections open so the cap is really reached; the rest are reset at once,
        // which leaves no TIME_WAIT behind to exhaust the ephemeral ports.
        ArrayDeque<Socket> held = new ArrayDeque<>();
        flood = Background.loop("connection flood", () -> {
            long now = System.nanoTime();
            if (now >= endNanos) {
                for (Socket socket : held) {
                    reset(socket);
                }
                return false;
            }
            long due = startNanos + attempts.get() * intervalNanos;
            if (now < due) {
                java.util.concurrent.locks.LockSupport.parkNanos(due - now);
                return true;
            }
            attempts.incrementAndGet();
            held.add(target.connect());
            if (held.size() > 2 * cap) {
                reset(held.poll());
            }
            return true;
        });
        legit = Background.loop("legitimate connects", () -> {
            long start = System.nanoTime();
            try (Socket socket = new Socket("127.0.0.1", target.server().port())) {
                socket.setSoTimeout((int) FaultTarget.TIMEOUT.toMillis());
                new DataOutputStream(socket.getOutputStream()).write(new byte[] {0, 0, 0, 1, 42});
                DataInputStream in = new DataInputStream(socket.getInputStream());
                if (in.readInt() != 1 || in.readByte() != 42) {
                    throw new IllegalStateException("wrong echo to a legitimate client");
                }
            }
            legitWorstNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
            legitConnects.incrementAndGet();
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            return System.nanoTime() < endNanos;
        });
    }

    private static boolean isAttacker(java.net.SocketAddress remote) {
        return remote instanceof InetSocketAddress inet
                && inet.getAddress().getHostAddress().equals(FaultTarget.ATTACKER_ADDRESS);
    }

    private static void reset(Socket socket) throws java.io.IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public Outcome stop() throws Exception {
        flood.stop(duration);
        legit.stop(duration);
        long rejected = target.server().stats().rejected();
        long worstMillis = TimeUnit.NANOSECONDS.toMillis(legitWorstNanos.get());
        boolean ok = maxOpen.get() <= cap && rejected > 0 && worstMillis < LEGIT_BOUND.toMillis();
        return new Outcome("refused_at_accept", ok, String.format(
                "connects=%d connects_per_s=%.0f rejected=%d max_open=%d cap=%d legit_connects=%d"
                        + " legit_connect_echo_max_ms=%d legit_bound_ms=%d",
                attempts.get(), attempts.get() / (duration.toNanos() / 1e9), rejected, maxOpen.get(), cap,
                legitConnects.get(), worstMillis, LEGIT_BOUND.toMillis()));
    }
}
