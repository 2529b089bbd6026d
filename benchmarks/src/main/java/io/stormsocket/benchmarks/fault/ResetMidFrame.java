package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Peers that, one after another for as long as the row runs, send half a frame and reset the
 * connection (SO_LINGER 0); each must end with {@code REMOTE_CLOSE} and no frame delivered.
 */
final class ResetMidFrame implements Attack {
    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicInteger wrong = new AtomicInteger();
    private Background loop;

    @Override
    public String name() {
        return "reset-mid-frame";
    }

    @Override
    public ServerConfig.Builder serverConfig() {
        return ServerConfig.builder();
    }

    @Override
    public void start(FaultTarget target) {
        byte[] half = new byte[4 + 500];
        java.nio.ByteBuffer.wrap(half).putInt(1000);
        loop = Background.loop("reset-mid-frame attacker", () -> {
            Socket socket = target.connect();
            Session victim = target.nextSession();
            socket.getOutputStream().write(half);
            socket.getOutputStream().flush();
            long deadline = System.nanoTime() + FaultTarget.TIMEOUT.toNanos();
            while (victim.metrics().bytesIn() < half.length && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            socket.setSoLinger(true, 0);
            socket.close();
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
        boolean ok = wrong.get() == 0 && resets.get() > 0;
        return new Outcome(ok ? "REMOTE_CLOSE" : "other", ok, "resets=" + resets + " wrong_close=" + wrong);
    }
}
