package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Peers that, one after another for as long as the row runs, send half a frame and reset the
 * connection (SO_LINGER 0) once the server has read that half; each must end with
 * {@code REMOTE_CLOSE} and no frame delivered.
 *
 * <p>The attacker JVM connects, writes and resets; this JVM, which sees the server's session,
 * says when: {@code NEXT} (connect and write; answered with {@code SENT}), then, once the
 * session has read the half frame, {@code RESET}; the next peer starts once the session is closed.
 */
final class ResetMidFrame implements Attack {
    /** The row's name. */
    static final String NAME = "reset-mid-frame";
    private static final int HALF = 4 + 500;
    /** How often the coordinating loop looks at the session's byte count (it parks in between). */
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicInteger wrong = new AtomicInteger();
    private FaultTarget target;
    private Background loop;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ServerConfig.Builder serverConfig() {
        return ServerConfig.builder();
    }

    @Override
    public void start(FaultTarget target) throws Exception {
        this.target = target;
        AttackerJvm attacker = target.attacker();
        attacker.begin(NAME, target.server().port());
        loop = Background.loop("reset-mid-frame coordinator", () -> {
            attacker.tell(Attacker.NEXT);
            attacker.awaitLine(Attacker.SENT);
            Session victim = target.nextSession();
            long deadline = System.nanoTime() + FaultTarget.TIMEOUT.toNanos();
            while (victim.metrics().bytesIn() < HALF && System.nanoTime() < deadline) {
                LockSupport.parkNanos(POLL_NANOS);
            }
            attacker.tell(Attacker.RESET);
            if (!FaultTarget.closeOf(victim).equals("REMOTE_CLOSE") || victim.metrics().framesIn() != 0) {
                wrong.incrementAndGet();
            }
            resets.incrementAndGet();
            return true;
        });
    }

    @Override
    public Outcome stop() throws Exception {
        loop.stop();
        Map<String, Long> stopped = target.attacker().stop();
        target.attacker().release();
        boolean ok = wrong.get() == 0 && resets.get() > 0 && stopped.get("resets") == resets.get();
        double seconds = stopped.get("wall_us") / 1e6;
        return new Outcome(ok ? "REMOTE_CLOSE" : "other", ok, String.format("resets=%d resets_per_s=%.0f wrong_close=%d",
                resets.get(), resets.get() / seconds, wrong.get()));
    }

    /** The attacker JVM's half: on each {@code NEXT}, a new peer that writes half a frame and resets on {@code RESET}. */
    static final class Attacker implements AttackerHalf {
        /** Connect and write half a frame. */
        static final String NEXT = "NEXT";
        /** Reported once the half frame is written. */
        static final String SENT = "SENT";
        /** Reset the connection. */
        static final String RESET = "RESET";

        @Override
        public void run(AttackerLink link) throws Exception {
            byte[] half = new byte[HALF];
            ByteBuffer.wrap(half).putInt(1000);
            AttackerLink.report(AttackerJvm.STARTED);
            long count = 0;
            String command;
            while ((command = link.next()).equals(NEXT)) {
                Socket socket = link.connect();
                socket.getOutputStream().write(half);
                socket.getOutputStream().flush();
                AttackerLink.report(SENT, "n", count);
                link.expect(RESET);
                socket.setSoLinger(true, 0);
                socket.close();
                count++;
            }
            if (!command.equals(AttackerJvm.STOP)) {
                throw new IllegalStateException("expected NEXT or STOP, got " + command);
            }
            link.stopped("resets", count);
        }

        @Override
        public void release() {
            // Every peer is reset before the next starts.
        }
    }
}
