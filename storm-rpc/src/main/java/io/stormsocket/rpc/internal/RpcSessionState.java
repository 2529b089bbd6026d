package io.stormsocket.rpc.internal;

import io.netty.util.concurrent.ScheduledFuture;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Session;
import io.stormsocket.rpc.RpcOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RPC state of one session: requests its handlers are still answering (so that a cancel can
 * reach them) and the heartbeat.
 *
 * <p>Threading: {@link #received()} and the heartbeat tick run on the session's event loop; the
 * inbound map is concurrent because async handlers complete on any thread.
 */
final class RpcSessionState {
    private static final Logger LOG = LoggerFactory.getLogger(RpcSessionState.class);

    private final Session session;
    private final RpcOptions options;
    private final Map<Long, CompletionStage<?>> inbound = new ConcurrentHashMap<>();
    private volatile long lastReceivedNanos = System.nanoTime();
    private volatile ScheduledFuture<?> heartbeat;

    RpcSessionState(Session session, RpcOptions options) {
        this.session = session;
        this.options = options;
    }

    void received() {
        lastReceivedNanos = System.nanoTime();
    }

    void startHeartbeat() {
        long interval = options.heartbeatInterval().toNanos();
        if (interval > 0) {
            heartbeat = session.channel().eventLoop().scheduleAtFixedRate(this::tick, interval, interval,
                    TimeUnit.NANOSECONDS);
        }
    }

    private void tick() {
        if (System.nanoTime() - lastReceivedNanos > options.receiveTimeout().toNanos()) {
            LOG.debug("session {}: nothing received for {}, closing", session.id(), options.receiveTimeout());
            session.close(CloseReason.HEARTBEAT_TIMEOUT);
            closed();
        } else {
            session.sendFrame(Envelope.control(Envelope.Kind.PING, 0));
        }
    }

    void startInbound(long id, CompletionStage<?> stage) {
        inbound.put(id, stage);
    }

    boolean finishInbound(long id, CompletionStage<?> stage) {
        return inbound.remove(id, stage);
    }

    void cancelInbound(long id) {
        CompletionStage<?> stage = inbound.remove(id);
        if (stage instanceof CompletableFuture<?> future) {
            future.cancel(true);
        }
    }

    void closed() {
        ScheduledFuture<?> h = heartbeat;
        if (h != null) {
            h.cancel(false);
        }
        for (Long id : inbound.keySet()) {
            cancelInbound(id);
        }
    }
}
