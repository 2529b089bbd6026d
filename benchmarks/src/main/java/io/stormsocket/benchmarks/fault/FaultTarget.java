package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.Session;
import io.stormsocket.core.StormServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The running echo server as an attacker sees it: its port, raw sockets to it, and the server-side
 * sessions of attacking connections in the order they connected.
 *
 * <p>Threading: sessions are queued from the server's event loops and taken by attacker threads.
 */
final class FaultTarget {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Attackers connect from here, so per-address limits never touch the healthy client. */
    static final String ATTACKER_ADDRESS = "127.0.0.2";

    private final StormServer server;
    private final BlockingQueue<Session> attackerSessions = new LinkedBlockingQueue<>();

    FaultTarget(StormServer server) {
        this.server = server;
        server.onConnected(session -> {
            if (session.remoteAddress() instanceof InetSocketAddress inet
                    && inet.getAddress().getHostAddress().equals(ATTACKER_ADDRESS)) {
                attackerSessions.add(session);
            }
        });
    }

    StormServer server() {
        return server;
    }

    /** Opens a socket from the attacker address. */
    Socket connect() throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(ATTACKER_ADDRESS), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        return socket;
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
