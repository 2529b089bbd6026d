package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.IdleTimeouts;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many sockets that send a fixed prefix (nothing at all for slowloris, half a frame otherwise)
 * and then go silent; the reader idle timeout must close every one with {@code IDLE_TIMEOUT}.
 */
final class SilentPeers implements Attack {
    static final Duration IDLE = Duration.ofSeconds(1);

    private final String name;
    private final int count;
    private final List<Session> sessions = new ArrayList<>();
    private FaultTarget target;

    private SilentPeers(String name, int count) {
        this.name = name;
        this.count = count;
    }

    /** Peers that connect and never send a byte. */
    static SilentPeers slowloris(int count) {
        return new SilentPeers("slowloris", count);
    }

    /** Peers that announce a 1000-byte frame, send 100 bytes of it and stop. */
    static SilentPeers halfFrame(int count) {
        return new SilentPeers("half-frame", count);
    }

    /** {@return what each peer of the row sends before it goes silent} */
    static byte[] prefixOf(String row) {
        if (row.equals("slowloris")) {
            return new byte[0];
        }
        byte[] prefix = new byte[4 + 100];
        ByteBuffer.wrap(prefix).putInt(1000);
        return prefix;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ServerConfig.Builder serverConfig() {
        return ServerConfig.builder().idleTimeouts(IdleTimeouts.builder().reader(IDLE).build());
    }

    @Override
    public void start(FaultTarget target) throws Exception {
        this.target = target;
        target.attacker().begin(name, target.server().port(), "count", count);
        for (int i = 0; i < count; i++) {
            sessions.add(target.nextSession());
        }
    }

    @Override
    public Outcome stop() throws Exception {
        int idled = 0;
        String other = "";
        for (Session session : sessions) {
            String reason = FaultTarget.closeOf(session);
            if (reason.equals("IDLE_TIMEOUT") && session.metrics().framesIn() == 0) {
                idled++;
            } else {
                other = reason;
            }
        }
        target.attacker().stop();
        target.attacker().release();
        boolean ok = idled == count;
        return new Outcome(ok ? "IDLE_TIMEOUT" : "IDLE_TIMEOUT+" + other, ok,
                "attackers=" + count + " idle_closed=" + idled + " reader_idle_ms=" + IDLE.toMillis());
    }

    /** The attacker JVM's half: {@code count} sockets that send the prefix and go silent. */
    static final class Attacker extends HeldSockets {
        private final byte[] prefix;

        Attacker(byte[] prefix) {
            this.prefix = prefix;
        }

        @Override
        void open(AttackerLink link, List<Socket> held) throws Exception {
            int count = link.intArg("count");
            for (int i = 0; i < count; i++) {
                Socket socket = link.connect();
                held.add(socket);
                socket.getOutputStream().write(prefix);
                socket.getOutputStream().flush();
            }
        }
    }
}
