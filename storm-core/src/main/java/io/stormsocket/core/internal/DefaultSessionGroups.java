package io.stormsocket.core.internal;

import io.netty.buffer.ByteBufAllocator;
import io.stormsocket.core.Broadcaster;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionGroups;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named groups of one server's sessions. Each group is a concurrent map of members; joining and
 * leaving go through {@code compute} on the group map, so a group is created and removed
 * atomically with its first and last member. A session also remembers its group names, so leaving
 * all groups on disconnect costs one step per group it is in. Thread-safe.
 */
final class DefaultSessionGroups implements SessionGroups, GroupMembership {
    private final Map<String, Map<Long, DefaultSession>> groups = new ConcurrentHashMap<>();
    private final OutboundEncoder encoder;
    private final ByteBufAllocator alloc;

    DefaultSessionGroups(OutboundEncoder encoder, ByteBufAllocator alloc) {
        this.encoder = encoder;
        this.alloc = alloc;
    }

    @Override
    public boolean join(String group, Session session) {
        return join(group, cast(session));
    }

    @Override
    public boolean join(String group, DefaultSession session) {
        Objects.requireNonNull(group, "group");
        if (session.membership() != this) {
            throw new IllegalArgumentException(session + " belongs to another server");
        }
        if (!session.isOpen()) {
            return false;
        }
        boolean[] added = new boolean[1];
        groups.compute(group, (name, members) -> {
            Map<Long, DefaultSession> m = members != null ? members : new ConcurrentHashMap<>();
            added[0] = m.putIfAbsent(session.id(), session) == null;
            return m;
        });
        if (added[0]) {
            session.groupNames().add(group);
            // A session that closed meanwhile may have missed this group in its leaveAll.
            if (!session.isOpen()) {
                leave(group, session);
                return false;
            }
        }
        return added[0];
    }

    @Override
    public boolean leave(String group, Session session) {
        return leave(group, cast(session));
    }

    @Override
    public boolean leave(String group, DefaultSession session) {
        boolean[] removed = new boolean[1];
        groups.computeIfPresent(group, (name, members) -> {
            removed[0] = members.remove(session.id(), session);
            return members.isEmpty() ? null : members;
        });
        session.groupNames().remove(group);
        return removed[0];
    }

    @Override
    public void leaveAll(Session session) {
        leaveAll(cast(session));
    }

    @Override
    public void leaveAll(DefaultSession session) {
        for (String group : List.copyOf(session.joinedGroupNames())) {
            leave(group, session);
        }
    }

    @Override
    public Set<Session> members(String group) {
        Map<Long, DefaultSession> members = groups.get(group);
        return members == null ? Set.of() : Set.copyOf(members.values());
    }

    @Override
    public int memberCount(String group) {
        Map<Long, DefaultSession> members = groups.get(group);
        return members == null ? 0 : members.size();
    }

    @Override
    public Set<String> names() {
        return Set.copyOf(groups.keySet());
    }

    @Override
    public Broadcaster group(String group) {
        Objects.requireNonNull(group, "group");
        return new SessionBroadcaster(() -> {
            Map<Long, DefaultSession> members = groups.get(group);
            return members == null ? List.of() : members.values();
        }, encoder, alloc);
    }

    private static DefaultSession cast(Session session) {
        if (session instanceof DefaultSession s) {
            return s;
        }
        throw new IllegalArgumentException("not a Storm session: " + session);
    }
}
