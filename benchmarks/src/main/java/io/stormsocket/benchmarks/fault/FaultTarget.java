package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.Session;
import io.stormsocket.core.StormServer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A row's running echo server as its attack sees it: the server, the attacker JVM that attacks it,
 * and, for attacks that check them, the server-side sessions of attacking connections in the order
 * they connected.
 *
 * <p>Threading: sessions are queued from the server's event loops and taken by the bench's threads.
 */
final class FaultTarget {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Attackers connect from here, so per-address limits never touch the healthy client. */
    static final String ATTACKER_ADDRESS = "127.0.0.2";

    private final StormServer server;
    private final AttackerJvm attacker;
    private final BlockingQueue<Session> attackerSessions = new LinkedBlockingQueue<>();

    /**
     * @param server the row's server, not started yet
     * @param attacker the attacker JVM
     * @param queueSessions whether to queue attacking sessions for {@link #nextSession}; an attack
     *     that takes none (the connection flood) must not have tens of thousands kept for it
     */
    FaultTarget(StormServer server, AttackerJvm attacker, boolean queueSessions) {
        this.server = server;
        this.attacker = attacker;
        if (queueSessions) {
            server.onConnected(session -> {
                if (isAttacker(session.remoteAddress())) {
                    attackerSessions.add(session);
                }
            });
        }
    }

    StormServer server() {
        return server;
    }

    AttackerJvm attacker() {
        return attacker;
    }

    /** {@return whether a connection comes from the attacker address} */
    static boolean isAttacker(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet
                && inet.getAddress().getHostAddress().equals(ATTACKER_ADDRESS);
    }

    /** Takes the next attacking session, waiting for it to connect. */
    Session nextSession() throws Exception {
        Session session = attackerSessions.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (session == null) {
            throw new TimeoutException("no attacking session connected within " + TIMEOUT);
        }
        return session;
    }

    /** Waits for a session's close and returns its reason. */
    static String closeOf(Session session) throws Exception {
        return session.closeFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).name();
    }
}
