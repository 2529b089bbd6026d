package io.stormsocket.benchmarks.broadcast;

import io.netty.buffer.PooledByteBufAllocator;
import io.stormsocket.core.Broadcaster;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.SlowConsumerPolicy;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Storm's side: every session joins one group on connect; each message is one
 * {@code group(...).broadcast(ByteBuf)}, framed once by the length-prefix codec for all members,
 * under the chosen {@link SlowConsumerPolicy} ({@code WAIT} by default, so that the broadcast future
 * completes when every member's write did). Members connecting from {@value SlowMembers#ADDRESS}
 * are the ones that never read; how they end is counted.
 */
final class StormBroadcastServer implements BroadcastServer {
    private static final String GROUP = "subscribers";

    private final StormServer server;
    private final Broadcaster group;
    private final CountDownLatch joined;
    private final Set<Session> slowMembers = ConcurrentHashMap.newKeySet();
    private final LongAdder slowDisconnected = new LongAdder();
    private final LongAdder slowOtherEnds = new LongAdder();

    private StormBroadcastServer(StormServer server, CountDownLatch joined) {
        this.server = server;
        this.group = server.groups().group(GROUP);
        this.joined = joined;
    }

    static BroadcastServer start(BroadcastOptions options) {
        StormServer server = StormServer.create(ServerConfig.builder()
                .endpoint(Endpoint.tcp("127.0.0.1", 0))
                .backlog(BroadcastBench.BACKLOG)
                .ioThreads(options.ioThreads())
                .codec(FrameCodecs.lengthPrefix())
                .slowConsumerPolicy(options.policy())
                .build());
        StormBroadcastServer broadcast = new StormBroadcastServer(server,
                new CountDownLatch(options.sessions() + options.slow()));
        server.onConnected(session -> {
            if (isSlowMember(session)) {
                broadcast.slowMembers.add(session);
            }
            session.join(GROUP);
            broadcast.joined.countDown();
        });
        server.onDisconnected((session, reason) -> {
            if (broadcast.slowMembers.remove(session)) {
                (reason == CloseReason.SLOW_CONSUMER ? broadcast.slowDisconnected : broadcast.slowOtherEnds)
                        .increment();
            }
        });
        server.start().join();
        return broadcast;
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public boolean awaitSubscribers(int count, Duration timeout) throws InterruptedException {
        return joined.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && server.groups().memberCount(GROUP) == count;
    }

    @Override
    public CompletableFuture<Long> publish(int size, long sequence, long timestamp, boolean measured) {
        return group.broadcast(BroadcastMessage.payload(PooledByteBufAllocator.DEFAULT, size, sequence, timestamp, measured))
                .thenApply(result -> (long) result.dropped() + result.disconnected() + result.failed());
    }

    @Override
    public SlowOutcome slowOutcome(BroadcastOptions options) {
        long maxPending = slowMembers.stream().mapToLong(Session::pendingSendBytes).max().orElse(0);
        long bound = (options.policy() == SlowConsumerPolicy.DROP ? server.config().maxPendingSendBytes()
                : server.config().maxQueuedSendBytes()) + Integer.BYTES + options.size();
        return new SlowOutcome(options.slow(), slowDisconnected.sum(), slowOtherEnds.sum(), maxPending, bound);
    }

    private static boolean isSlowMember(Session session) {
        return session.remoteAddress() instanceof InetSocketAddress remote
                && SlowMembers.ADDRESS.equals(remote.getAddress().getHostAddress());
    }

    @Override
    public void close() {
        server.close();
    }
}
