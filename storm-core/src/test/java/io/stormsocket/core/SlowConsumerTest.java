package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real slow consumer — a socket that never reads, with a small receive buffer — in a broadcast
 * group with healthy Storm clients, under each slow-consumer policy.
 */
class SlowConsumerTest {
    private static final int FRAME = 1024;
    private static final int MESSAGES = 1000;
    private static final int HIGH_WATER = 64 * 1024;
    private static final int HARD_CAP = 256 * 1024;
    private static final int HEALTHY = 3;

    @RegisterExtension
    final StormExtension storm = new StormExtension();

    private StormServer server;
    private EventRecorder serverEvents;

    private void startServer(SlowConsumerPolicy policy) {
        server = storm.server(ServerConfig.builder()
                .codec(FrameCodecs.lengthPrefix())
                .maxPendingSendBytes(HIGH_WATER)
                .maxQueuedSendBytes(HARD_CAP)
                .slowConsumerPolicy(policy)
                .socketOptions(SocketOptions.builder().sendBufferSize(16 * 1024).build()));
        server.onConnected(session -> session.join("feed"));
        serverEvents = EventRecorder.attach(server);
        storm.start(server);
    }

    /** A peer that connects and never reads. */
    private Socket slowPeer() throws Exception {
        Socket socket = storm.closeAfter(new Socket());
        socket.setReceiveBufferSize(16 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        return socket;
    }

    private static final class Healthy {
        final AtomicInteger frames = new AtomicInteger();
        final AtomicInteger outOfOrder = new AtomicInteger();
        Session serverSide;
    }

    private List<Healthy> healthyClients() {
        List<Healthy> healthy = new ArrayList<>();
        for (int i = 0; i < HEALTHY; i++) {
            Healthy h = new Healthy();
            StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lengthPrefix()), server);
            client.onDataReceived((s, data) -> {
                if (data.buffer().getInt(data.buffer().readerIndex()) != h.frames.getAndIncrement()) {
                    h.outOfOrder.incrementAndGet();
                }
            });
            Await.result(client.connect());
            h.serverSide = serverEvents.awaitConnected();
            healthy.add(h);
        }
        return healthy;
    }

    /**
     * Publishes numbered frames to the group as fast as the healthy members take them: before each
     * frame it waits until no healthy member has more than half its high water mark queued, so
     * only the slow consumer is ever backpressured. A real feed paces itself the same way, or
     * gives healthy members enough headroom.
     */
    private BroadcastResult publish(List<Healthy> healthy) {
        List<StormFuture<BroadcastResult>> results = new ArrayList<>();
        Broadcaster feed = server.groups().group("feed");
        for (int i = 0; i < MESSAGES; i++) {
            for (Healthy h : healthy) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (h.serverSide.pendingSendBytes() > HIGH_WATER / 2) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("a healthy client stopped reading");
                    }
                    LockSupport.parkNanos(50_000);
                }
            }
            byte[] frame = new byte[FRAME];
            java.nio.ByteBuffer.wrap(frame).putInt(i);
            StormFuture<BroadcastResult> result = feed.broadcast(frame);
            // The outcome is known once every member's event loop has taken the frame, which
            // makes the backlog check above exact for the next frame.
            Await.result(result);
            results.add(result);
        }
        int delivered = 0;
        int dropped = 0;
        int disconnected = 0;
        int failed = 0;
        for (StormFuture<BroadcastResult> future : results) {
            BroadcastResult r = Await.result(future);
            delivered += r.delivered();
            dropped += r.dropped();
            disconnected += r.disconnected();
            failed += r.failed();
        }
        return new BroadcastResult(delivered, dropped, disconnected, failed);
    }

    private static void assertHealthyGotEverything(List<Healthy> healthy) {
        Await.until("healthy clients received every frame", () -> healthy.stream().allMatch(h -> h.frames.get() == MESSAGES));
        healthy.forEach(h -> assertThat(h.outOfOrder).hasValue(0));
    }

    @Test
    void dropSkipsTheSlowConsumerWhileHealthyMembersGetEverything() throws Exception {
        startServer(SlowConsumerPolicy.DROP);
        slowPeer();
        Session slow = serverEvents.awaitConnected();
        List<Healthy> healthy = healthyClients();

        BroadcastResult totals = publish(healthy);

        assertHealthyGotEverything(healthy);
        assertThat(totals.dropped()).isPositive();
        assertThat(totals.disconnected()).isZero();
        assertThat(totals.delivered()).isEqualTo(HEALTHY * MESSAGES + (MESSAGES - totals.dropped()));
        assertThat(slow.isOpen()).isTrue();
        assertThat(slow.isBackpressured()).isTrue();
        // Memory stays bounded: at most the high water mark plus one frame waits for the slow peer.
        assertThat(slow.pendingSendBytes()).isLessThanOrEqualTo(HIGH_WATER + FRAME + 4);
        assertThat(Await.result(slow.send(new byte[10]))).isEqualTo(SendResult.DROPPED);
    }

    @Test
    void disconnectAbortsTheSlowConsumerWhileHealthyMembersGetEverything() throws Exception {
        startServer(SlowConsumerPolicy.DISCONNECT);
        slowPeer();
        Session slow = serverEvents.awaitConnected();
        List<Healthy> healthy = healthyClients();

        BroadcastResult totals = publish(healthy);

        assertHealthyGotEverything(healthy);
        assertThat(totals.disconnected()).isEqualTo(1);
        assertThat(totals.dropped()).isZero();
        assertThat(serverEvents.awaitDisconnected(CloseReason.SLOW_CONSUMER).session()).isSameAs(slow);
        assertThat(server.groups().members("feed")).hasSize(HEALTHY).doesNotContain(slow);
    }

    @Test
    void waitKeepsQueueingUpToTheHardCapThenFailsFast() throws Exception {
        startServer(SlowConsumerPolicy.WAIT);
        slowPeer();
        Session slow = serverEvents.awaitConnected();
        List<Healthy> healthy = healthyClients();

        BroadcastResult totals = publish(healthy);

        assertHealthyGotEverything(healthy);
        assertThat(totals.failed()).isPositive();
        assertThat(totals.dropped()).isZero();
        assertThat(totals.disconnected()).isZero();
        assertThat(slow.isOpen()).isTrue();
        assertThat(slow.pendingSendBytes()).isLessThanOrEqualTo(HARD_CAP);
        assertThat(Await.failure(slow.send(new byte[FRAME]))).isInstanceOf(SendBufferFullException.class)
                .hasMessageContaining("cap of " + HARD_CAP);
    }

    @Test
    void anAwaitingWriterUnderWaitNeverGrowsMemory() throws Exception {
        startServer(SlowConsumerPolicy.WAIT);
        Socket peer = slowPeer();
        Session slow = serverEvents.awaitConnected();

        StormFuture<SendResult> blocked = null;
        for (int i = 0; i < 10_000 && blocked == null; i++) {
            StormFuture<SendResult> send = slow.send(new byte[FRAME]);
            try {
                assertThat(send.get(200, TimeUnit.MILLISECONDS)).isEqualTo(SendResult.WRITTEN);
            } catch (TimeoutException stillQueued) {
                blocked = send;
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
        }
        assertThat(blocked).as("the kernel buffers filled up").isNotNull();
        // Every earlier send completed, so at most the one being awaited is held in memory.
        assertThat(slow.pendingSendBytes()).isLessThanOrEqualTo(FRAME + 4);

        InputStream in = peer.getInputStream();
        Thread reader = new Thread(() -> {
            byte[] sink = new byte[64 * 1024];
            try {
                while (in.read(sink) >= 0) {
                    // drain
                }
            } catch (java.io.IOException closed) {
                // socket closed by the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(Await.result(blocked)).isEqualTo(SendResult.WRITTEN);
    }
}
