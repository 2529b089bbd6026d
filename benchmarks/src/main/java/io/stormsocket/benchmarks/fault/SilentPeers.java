package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.IdleTimeouts;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import java.net.Socket;
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
    private final byte[] prefix;
    private final int count;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();

    private SilentPeers(String name, byte[] prefix, int count) {
        this.name = name;
        this.prefix = prefix;
        this.count = count;
    }

    /** Peers that connect and never send a byte. */
    static SilentPeers slowloris(int count) {
        return new SilentPeers("slowloris", new byte[0], count);
    }

    /** Peers that announce a 1000-byte frame, send 100 bytes of it and stop. */
    static SilentPeers halfFrame(int count) {
        byte[] prefix = new byte[4 + 100];
        java.nio.ByteBuffer.wrap(prefix).putInt(1000);
        return new SilentPeers("half-frame", prefix, count);
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
        for (int i = 0; i < count; i++) {
            Socket socket = target.connect();
            socket.getOutputStream().write(prefix);
            socket.getOutputStream().flush();
            sockets.add(socket);
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
        for (Socket socket : sockets) {
            socket.close();
        }
        boolean ok = idled == count;
        return new Outcome(ok ? "IDLE_TIMEOUT" : "IDLE_TIMEOUT+" + other, ok,
                "attackers=" + count + " idle_closed=" + idled + " reader_idle_ms=" + IDLE.toMillis());
    }
}
