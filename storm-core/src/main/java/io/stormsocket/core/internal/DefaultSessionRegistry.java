package io.stormsocket.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.stormsocket.core.BroadcastResult;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionRegistry;
import io.stormsocket.core.StormFuture;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sessions of one server, keyed by id. Sessions add themselves when they open and remove
 * themselves when they close (from their event loops); everything else reads. Thread-safe.
 */
final class DefaultSessionRegistry implements SessionRegistry {
    private final Map<Long, DefaultSession> sessions = new ConcurrentHashMap<>();
    private final SessionBroadcaster broadcaster;

    DefaultSessionRegistry(OutboundEncoder encoder, ByteBufAllocator alloc) {
        this.broadcaster = new SessionBroadcaster(sessions::values, encoder, alloc);
    }

    void add(DefaultSession session) {
        sessions.put(session.id(), session);
    }

    void remove(DefaultSession session) {
        sessions.remove(session.id(), session);
    }

    Collection<DefaultSession> open() {
        return sessions.values();
    }

    @Override
    public int count() {
        return sessions.size();
    }

    @Override
    public Collection<Session> all() {
        return List.copyOf(sessions.values());
    }

    @Override
    public Optional<Session> find(long id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public StormFuture<Void> closeAll() {
        return closeAll(CloseReason.LOCAL_CLOSE, true);
    }

    StormFuture<Void> closeAll(CloseReason reason, boolean graceful) {
        StormFuture.Promise<Void> promise = StormFuture.promise();
        CompletableFuture<?>[] closing = sessions.values().stream()
                .map(session -> session.close(reason, graceful))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(closing).whenComplete((ignored, error) -> promise.succeed(null));
        return promise.future();
    }

    @Override
    public StormFuture<BroadcastResult> broadcast(String text) {
        return broadcaster.broadcast(text);
    }

    @Override
    public StormFuture<BroadcastResult> broadcast(String text, long excludedSessionId) {
        return broadcaster.broadcast(text, excludedSessionId);
    }

    @Override
    public StormFuture<BroadcastResult> broadcast(byte[] data) {
        return broadcaster.broadcast(data);
    }

    @Override
    public StormFuture<BroadcastResult> broadcast(byte[] data, long excludedSessionId) {
        return broadcaster.broadcast(data, excludedSessionId);
    }

    @Override
    public StormFuture<BroadcastResult> broadcast(ByteBuf data) {
        return broadcaster.broadcast(data);
    }

    @Override
    public StormFuture<BroadcastResult> broadcast(ByteBuf data, long excludedSessionId) {
        return broadcaster.broadcast(data, excludedSessionId);
    }

    @Override
    public StormFuture<BroadcastResult> broadcastFrame(Object frame) {
        return broadcaster.broadcastFrame(frame);
    }

    @Override
    public StormFuture<BroadcastResult> broadcastFrame(Object frame, long excludedSessionId) {
        return broadcaster.broadcastFrame(frame, excludedSessionId);
    }
}
