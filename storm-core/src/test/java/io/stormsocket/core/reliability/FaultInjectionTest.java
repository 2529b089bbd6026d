package io.stormsocket.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.IdleTimeouts;
import io.stormsocket.core.RateLimiter;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.SlowConsumerPolicy;
import io.stormsocket.core.SocketOptions;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.Sockets;
import io.stormsocket.testing.StormExtension;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault-injection matrix at CI size: a length-prefix echo server under one attack at a time,
 * with a healthy client doing numbered round trips while the attack runs. Each test asserts the
 * attacker's close reason and that the healthy client got every reply in order. The healthy
 * client's round-trip p99 with and without the attack is printed for the record and never
 * asserted: timings on a shared machine say nothing in a unit test ({@code fault-bench} in the
 * benchmarks module measures them at size).
 */
class FaultInjectionTest {
    private static final int ROUND_TRIPS = 300;
    private static final Duration IDLE = Duration.ofMillis(400);

    @RegisterExtension
    final StormExtension storm = new StormExtension();

    private final BlockingQueue<Session> connected = new LinkedBlockingQueue<>();
    private final AtomicBoolean attacking = new AtomicBoolean(true);
    private final List<CompletableFuture<Void>> attackers = new ArrayList<>();
    private StormServer server;
    private HealthyEcho healthy;
    private long baselineP99;

    /** Starts the echo server with the attack's limits and connects the healthy client. */
    private void start(ServerConfig.Builder config) throws Exception {
        server = storm.server(config.codec(FrameCodecs.lengthPrefix()));
        server.onConnected(connected::add);
        server.onDataReceived((session, data) -> session.send(data));
        storm.start(server);
        healthy = new HealthyEcho(storm.client(ClientConfig.builder().codec(FrameCodecs.lengthPrefix()), server));
        nextSession();
        baselineP99 = healthy.roundTrips(ROUND_TRIPS);
    }

    private Session nextSession() throws InterruptedException {
        Session session = connected.poll(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(session).as("a session connected").isNotNull();
        return session;
    }

    /** Runs an attacker loop on its own thread until the test stops attacking or a step says it is done. */
    private void attackInBackground(String name, AttackStep step) {
        attackers.add(CompletableFuture.runAsync(() -> {
            try {
                while (attacking.get() && step.run()) {
                    // next step
                }
            } catch (Exception e) {
                throw new IllegalStateException(name, e);
            }
        }));
    }

    /** Runs the healthy round trips under attack, then prints both p99 figures. */
    private void healthyRoundTripsUnderAttack(String attack) throws Exception {
        long attackedP99 = healthy.roundTrips(ROUND_TRIPS);
        System.out.printf("fault-injection attack=%s healthy_p99_us=%d baseline_p99_us=%d (measured, not asserted)%n",
                attack, attackedP99, baselineP99);
    }

    @AfterEach
    void stopAttackers() {
        attacking.set(false);
        attackers.forEach(Await::result);
    }

    private Socket attackerSocket(String localAddress) throws Exception {
        Socket socket = storm.closeAfter(new Socket());
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        return socket;
    }

    @Test
    void peerThatStopsReadingIsDisconnectedAsSlowConsumer() throws Exception {
        start(ServerConfig.builder().slowConsumerPolicy(SlowConsumerPolicy.DISCONNECT)
                .maxPendingSendBytes(64 * 1024).maxQueuedSendBytes(256 * 1024)
                .socketOptions(SocketOptions.builder().sendBufferSize(16 * 1024).build()));
        Socket attacker = storm.closeAfter(new Socket());
        attacker.setReceiveBufferSize(16 * 1024);
        attacker.connect(new InetSocketAddress("127.0.0.1", server.port()));
        Session victim = nextSession();
        byte[] chunk = new byte[1024];
        attackInBackground("server feeding a peer that never reads", () -> {
            // Not awaited: a flooding writer is the point, and the policy bounds what it queues.
            victim.send(chunk);
            return victim.isOpen();
        });
        healthyRoundTripsUnderAttack("stop-reading");
        assertThat(Await.result(victim.closeFuture())).isEqualTo(CloseReason.SLOW_CONSUMER);
    }

    @Test
    void peerThatSendsHalfAFrameAndGoesSilentIsClosedByTheIdleTimeout() throws Exception {
        start(ServerConfig.builder().idleTimeouts(IdleTimeouts.builder().reader(IDLE).build()));
        List<Session> victims = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            DataOutputStream out = new DataOutputStream(attackerSocket("127.0.0.1").getOutputStream());
            out.writeInt(1000);
            out.write(new byte[100]);
            out.flush();
            victims.add(nextSession());
        }
        healthyRoundTripsUnderAttack("half-frame");
        for (Session victim : victims) {
            assertThat(Await.result(victim.closeFuture())).isEqualTo(CloseReason.IDLE_TIMEOUT);
            assertThat(victim.metrics().framesIn()).isZero();
        }
    }

    @Test
    void peersResettingMidFrameEndAsRemoteCloses() throws Exception {
        start(ServerConfig.builder());
        AtomicInteger resets = new AtomicInteger();
        attackInBackground("reset mid-frame", () -> {
            Socket socket = new Socket("127.0.0.1", server.port());
            Session victim = nextSession();
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(1000);
            out.write(new byte[500]);
            out.flush();
            Await.until("the partial frame arrived", () -> victim.metrics().bytesIn() == 504);
            socket.setSoLinger(true, 0);
            socket.close();
            assertThat(Await.result(victim.closeFuture())).isEqualTo(CloseReason.REMOTE_CLOSE);
            assertThat(victim.metrics().framesIn()).isZero();
            resets.incrementAndGet();
            return true;
        });
        healthyRoundTripsUnderAttack("reset-mid-frame");
        attacking.set(false);
        attackers.forEach(Await::result);
        assertThat(resets).hasPositiveValue();
    }

    @Test
    void floodAboveTheRateLimitIsDisconnectedAsRateLimited() throws Exception {
        // The healthy client's round trips stay well under the limit in any window.
        start(ServerConfig.builder().middleware(RateLimiter.builder()
                .maxMessages(4 * ROUND_TRIPS).window(Duration.ofSeconds(1)).build()));
        DataOutputStream out = new DataOutputStream(attackerSocket("127.0.0.1").getOutputStream());
        Session victim = nextSession();
        byte[] frames = new byte[50 * 20];
        for (int i = 0; i < frames.length; i += 20) {
            frames[i + 3] = 16;
        }
        attackInBackground("flood", () -> {
            try {
                out.write(frames);
                return true;
            } catch (java.io.IOException closedByTheServer) {
                return false;
            }
        });
        healthyRoundTripsUnderAttack("flood");
        assertThat(Await.result(victim.closeFuture())).isEqualTo(CloseReason.RATE_LIMITED);
    }

    @Test
    void connectionsBeyondThePerAddressCapAreRefusedAtAccept() throws Exception {
        int cap = 3;
        int attempts = 40;
        start(ServerConfig.builder().maxConnectionsPerAddress(cap));
        List<Socket> sockets = new ArrayList<>();
        // The attacker's own address, so the healthy client on 127.0.0.1 keeps its slot.
        for (int i = 0; i < attempts; i++) {
            sockets.add(attackerSocket("127.0.0.2"));
        }
        healthyRoundTripsUnderAttack("connection-flood");
        Await.until("every attempt admitted or refused",
                () -> server.stats().accepted() + server.stats().rejected() == attempts + 1);
        assertThat(server.stats().rejected()).isEqualTo(attempts - cap);
        assertThat(server.stats().active()).isEqualTo(cap + 1);
        List<Session> admitted = new ArrayList<>();
        for (int i = 0; i < cap; i++) {
            admitted.add(nextSession());
        }
        int refused = 0;
        for (Socket socket : sockets) {
            if (admitted.stream().noneMatch(s -> s.remoteAddress().equals(socket.getLocalSocketAddress()))) {
                Sockets.assertClosedByPeer(socket);
                refused++;
            }
        }
        assertThat(refused).isEqualTo(attempts - cap);
        admitted.forEach(session -> assertThat(session.isOpen()).isTrue());
    }

    @Test
    void peersThatNeverSendAreClosedByTheIdleTimeout() throws Exception {
        start(ServerConfig.builder().idleTimeouts(IdleTimeouts.builder().reader(IDLE).build()));
        List<Session> victims = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attackerSocket("127.0.0.1");
            victims.add(nextSession());
        }
        healthyRoundTripsUnderAttack("slowloris");
        for (Session victim : victims) {
            assertThat(Await.result(victim.closeFuture())).isEqualTo(CloseReason.IDLE_TIMEOUT);
        }
    }

    /** A step of an attacker loop. */
    @FunctionalInterface
    private interface AttackStep {
        /** {@return whether to go on: false when the attacker has nothing left to do} */
        boolean run() throws Exception;
    }
}
