package io.stormsocket.benchmarks.broadcast;

import io.netty.buffer.PooledByteBufAllocator;
import io.stormsocket.core.Broadcaster;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.SlowConsumerPolicy;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Storm's side: every session joins one group on connect; each message is one
 * {@code group(...).broadcast(ByteBuf)}, framed once by the length-prefix codec for all members,
 * under {@link SlowConsumerPolicy#WAIT} so that the broadcast future completes when every member's
 * write did.
 */
final class StormBroadcastServer implements BroadcastServer {
    private static final String GROUP = "subscribers";

    private final StormServer server;
    private final Broadcaster group;
    private final CountDownLatch joined;

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
                .slowConsumerPolicy(SlowConsumerPolicy.WAIT)
                .build());
        CountDownLatch joined = new CountDownLatch(options.sessions());
        server.onConnected(session -> {
            session.join(GROUP);
            joined.countDown();
        });
        server.start().join();
        return new StormBroadcastServer(server, joined);
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
    public void close() {
        server.close();
    }
}
