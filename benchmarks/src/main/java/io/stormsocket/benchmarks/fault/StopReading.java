package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.SlowConsumerPolicy;
import io.stormsocket.core.SocketOptions;
import java.net.Socket;

/**
 * A peer that never reads while the server keeps sending to it; under
 * {@link SlowConsumerPolicy#DISCONNECT} it must end with {@code SLOW_CONSUMER}.
 */
final class StopReading implements Attack {
    /** The row's name. */
    static final String NAME = "stop-reading";
    private static final int HIGH_WATER = 64 * 1024;

    private FaultTarget target;
    private Session victim;
    private Background feeder;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ServerConfig.Builder serverConfig() {
        return ServerConfig.builder().slowConsumerPolicy(SlowConsumerPolicy.DISCONNECT)
                .maxPendingSendBytes(HIGH_WATER).maxQueuedSendBytes(4 * HIGH_WATER)
                .socketOptions(SocketOptions.builder().sendBufferSize(16 * 1024).build());
    }

    @Override
    public void start(FaultTarget target) throws Exception {
        this.target = target;
        target.attacker().begin(NAME, target.server().port());
        victim = target.nextSession();
        byte[] chunk = new byte[1024];
        // The server's side of the attack: it sends as fast as it can and the policy bounds what it queues.
        feeder = Background.loop("stop-reading feeder", () -> {
            victim.send(chunk);
            return victim.isOpen();
        });
    }

    @Override
    public Outcome stop() throws Exception {
        String reason = FaultTarget.closeOf(victim);
        feeder.stop();
        target.attacker().stop();
        target.attacker().release();
        return new Outcome(reason, reason.equals("SLOW_CONSUMER"), "high_water_bytes=" + HIGH_WATER);
    }

    /** The attacker JVM's half: one socket that connects and never reads. */
    static final class Attacker implements AttackerHalf {
        private Socket socket;

        @Override
        public void run(AttackerLink link) throws Exception {
            socket = link.connect();
            AttackerLink.report(AttackerJvm.STARTED);
            link.expect(AttackerJvm.STOP);
            link.stopped();
        }

        @Override
        public void release() throws Exception {
            if (socket != null) {
                socket.close();
            }
        }
    }
}
