package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Connects from one address at a fixed rate for a fixed time against
 * {@code maxConnectionsPerAddress}: the server must never hold more than the cap from that
 * address at once, and a legitimate client on another address (in this JVM, like the healthy
 * client) must still connect and get an echo quickly (its worst connect-plus-echo time is
 * reported against {@link #LEGIT_BOUND}).
 */
final class ConnectionFlood implements Attack {
    /** The row's name. */
    static final String NAME = "connection-flood";
    static final Duration LEGIT_BOUND = Duration.ofMillis(200);

    private final int cap;
    private final int perSecond;
    private final Duration duration;
    private final Set<Session> attackers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicLong legitWorstNanos = new AtomicLong();
    private final AtomicLong legitConnects = new AtomicLong();
    private FaultTarget target;
    private Background legit;

    ConnectionFlood(int cap, int perSecond, Duration duration) {
        this.cap = cap;
        this.perSecond = perSecond;
        this.duration = duration;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ServerConfig.Builder serverConfig() {
        return ServerConfig.builder().maxConnectionsPerAddress(cap);
    }

    @Override
    public boolean takesSessions() {
        return false;
    }

    @Override
    public void start(FaultTarget target) throws Exception {
        this.target = target;
        target.server().onConnected(session -> {
            if (FaultTarget.isAttacker(session.remoteAddress())) {
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
        long endNanos = System.nanoTime() + duration.toNanos();
        target.attacker().begin(NAME, target.server().port(), "cap", cap, "rate", perSecond,
                "duration_ms", duration.toMillis());
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
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            return System.nanoTime() < endNanos;
        });
    }

    @Override
    public Outcome stop() throws Exception {
        long attempts = target.attacker().stop(duration.plus(FaultTarget.TIMEOUT)).get("connects");
        legit.stop(duration);
        target.attacker().release();
        long rejected = target.server().stats().rejected();
        long worstMillis = TimeUnit.NANOSECONDS.toMillis(legitWorstNanos.get());
        boolean ok = maxOpen.get() <= cap && rejected > 0 && worstMillis < LEGIT_BOUND.toMillis();
        return new Outcome("refused_at_accept", ok, String.format(
                "connects=%d connects_per_s=%.0f rejected=%d max_open=%d cap=%d legit_connects=%d"
                        + " legit_connect_echo_max_ms=%d legit_bound_ms=%d",
                attempts, attempts / (duration.toNanos() / 1e9), rejected, maxOpen.get(), cap,
                legitConnects.get(), worstMillis, LEGIT_BOUND.toMillis()));
    }

    /**
     * The attacker JVM's half: connects at the rate for the duration, holding the last
     * 2 × cap connections open so the cap is really reached and resetting the rest (which leaves
     * no TIME_WAIT behind to exhaust the ephemeral ports).
     */
    static final class Attacker implements AttackerHalf {
        private final AtomicLong attempts = new AtomicLong();

        @Override
        public void run(AttackerLink link) throws Exception {
            int cap = link.intArg("cap");
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / link.intArg("rate");
            Duration duration = Duration.ofMillis(link.intArg("duration_ms"));
            long startNanos = System.nanoTime();
            long endNanos = startNanos + duration.toNanos();
            ArrayDeque<Socket> held = new ArrayDeque<>();
            Background flood = Background.loop("connection flood", () -> {
                long now = System.nanoTime();
                if (now >= endNanos) {
                    for (Socket socket : held) {
                        reset(socket);
                    }
                    return false;
                }
                long due = startNanos + attempts.get() * intervalNanos;
                if (now < due) {
                    LockSupport.parkNanos(due - now);
                    return true;
                }
                attempts.incrementAndGet();
                held.add(link.connect());
                if (held.size() > 2 * cap) {
                    reset(held.poll());
                }
                return true;
            });
            AttackerLink.report(AttackerJvm.STARTED);
            link.expect(AttackerJvm.STOP);
            flood.stop(duration);
            link.stopped("connects", attempts.get());
        }

        private static void reset(Socket socket) throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        @Override
        public void release() {
            // The flood resets what it holds when its time is up.
        }
    }
}
