package io.stormsocket.benchmarks.soak;

import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.IdleTimeouts;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormResources;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.ssl.SelfSignedCertificates;
import io.stormsocket.ssl.TlsServerOptions;
import io.stormsocket.websocket.Heartbeat;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The two echo servers of a soak run on one set of event loops: the steady sessions' server
 * (plain TCP with the length-prefix codec, or WebSocket with heartbeats) and the same server with
 * TLS for the churn. Every session joins the group {@value #GROUP} on connect; every end is counted
 * by its reason and every error the servers report is counted.
 *
 * <p>Threading: the servers' event loops call the handlers; the counts may be read from any thread.
 */
final class SoakServers implements AutoCloseable {
    /** The group every session joins. */
    static final String GROUP = "everyone";
    private static final int BACKLOG = 4096;
    private static final int MISSED_HEARTBEATS = 3;
    private static final int ERRORS_SHOWN = 10;

    private final StormResources resources;
    private final List<StormServer> servers;
    private final Map<CloseReason, LongAdder> ends = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();

    private SoakServers(StormResources resources, List<StormServer> servers) {
        this.resources = resources;
        this.servers = servers;
        for (StormServer server : servers) {
            server.onConnected(session -> session.join(GROUP));
            server.onDisconnected((session, reason) -> ends.computeIfAbsent(reason, r -> new LongAdder()).increment());
            server.onError((session, error) -> {
                errors.increment();
                if (errors.sum() <= ERRORS_SHOWN) {
                    System.err.println("server error: " + error);
                    error.printStackTrace();
                }
            });
        }
    }

    /**
     * Starts both servers on 127.0.0.1, ports chosen by the system.
     *
     * @param options the run's options
     * @param certificate the TLS server's certificate
     * @return the started servers
     * @throws Exception if a server cannot start
     */
    static SoakServers start(SoakOptions options, SelfSignedCertificates certificate) throws Exception {
        StormResources resources = StormResources.create(options.transport(), options.ioThreads());
        TlsServerOptions tls = TlsServerOptions.builder().keyMaterial(certificate.keyMaterial()).build();
        SoakServers servers;
        if (options.proto().webSocket()) {
            WebSocketServerOptions webSocket = WebSocketServerOptions.builder()
                    .heartbeat(Heartbeat.every(options.heartbeat(), MISSED_HEARTBEATS)).build();
            StormWebSocketServer steady = StormWebSocketServer.create(config(resources), webSocket);
            StormWebSocketServer secure = StormWebSocketServer.create(config(resources).tls(tls), webSocket);
            for (StormWebSocketServer server : List.of(steady, secure)) {
                server.onMessageReceived((session, message) -> session.sendFrame(message.retain()));
            }
            servers = new SoakServers(resources, List.of(steady.storm(), secure.storm()));
        } else {
            IdleTimeouts idle = IdleTimeouts.builder().reader(options.heartbeat().multipliedBy(MISSED_HEARTBEATS))
                    .build();
            StormServer steady = StormServer.create(config(resources).codec(FrameCodecs.lengthPrefix())
                    .idleTimeouts(idle).build());
            StormServer secure = StormServer.create(config(resources).codec(FrameCodecs.lengthPrefix())
                    .idleTimeouts(idle).tls(tls).build());
            for (StormServer server : List.of(steady, secure)) {
                server.onDataReceived((session, data) -> session.send(data));
            }
            servers = new SoakServers(resources, List.of(steady, secure));
        }
        for (StormServer server : servers.servers) {
            server.start().get(30, TimeUnit.SECONDS);
        }
        return servers;
    }

    private static ServerConfig.Builder config(StormResources resources) {
        return ServerConfig.builder().endpoint(Endpoint.tcp("127.0.0.1", 0)).backlog(BACKLOG).resources(resources);
    }

    /** {@return the steady sessions' port} */
    int steadyPort() {
        return servers.get(0).port();
    }

    /** {@return the TLS port the churn also uses} */
    int securePort() {
        return servers.get(1).port();
    }

    /** {@return the sessions open on both servers} */
    int sessions() {
        return servers.stream().mapToInt(StormServer::sessionCount).sum();
    }

    /** {@return the members of {@value #GROUP} on both servers} */
    int groupMembers() {
        return servers.stream().mapToInt(server -> server.groups().memberCount(GROUP)).sum();
    }

    /** {@return the groups that still exist on either server} */
    int groups() {
        return servers.stream().mapToInt(server -> server.groups().names().size()).sum();
    }

    /** {@return the errors the servers reported} */
    long errors() {
        return errors.sum();
    }

    /** {@return the sessions that ended for a reason other than the peer's close} */
    long unexpectedEnds() {
        return ends.entrySet().stream().filter(end -> end.getKey() != CloseReason.REMOTE_CLOSE)
                .mapToLong(end -> end.getValue().sum()).sum();
    }

    /** {@return every end so far by reason, as {@code REASON:count,...}} */
    String endsByReason() {
        Map<CloseReason, Long> sorted = new TreeMap<>();
        ends.forEach((reason, count) -> sorted.put(reason, count.sum()));
        return sorted.entrySet().stream().map(end -> end.getKey() + ":" + end.getValue())
                .collect(Collectors.joining(","));
    }

    /**
     * Waits, polling with a deadline, until no session is open on either server.
     *
     * @param timeout how long to wait
     * @return {@code true} if every session ended in time
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sessions() > 0 || groupMembers() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return true;
    }

    /** Closes both servers and their event loops. */
    @Override
    public void close() {
        servers.forEach(StormServer::close);
        resources.shutdown(Duration.ofSeconds(10));
    }
}
