package io.stormsocket.core.internal;

import io.netty.buffer.ByteBufAllocator;
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
final class DefaultSessionRegistry extends SessionBroadcaster implements SessionRegistry {
    private final Map<Long, DefaultSession> sessions;

    DefaultSessionRegistry(OutboundEncoder encoder, ByteBufAllocator alloc) {
        this(new ConcurrentHashMap<>(), encoder, alloc);
    }

    private DefaultSessionRegistry(Map<Long, DefaultSession> sessions, OutboundEncoder encoder, ByteBufAllocator alloc) {
        super(sessions::values, encoder, alloc);
        this.sessions = sessions;
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
}
