package io.stormsocket.core;

import java.util.Set;

/**
 * Named groups of sessions (rooms, topics, channels) with broadcast. A session may be in any number
 * of groups; it leaves them all automatically when it disconnects, and a group that becomes empty
 * disappears.
 *
 * <pre>{@code
 * server.groups().join("lobby", session);
 * server.groups().group("lobby").broadcast(nick + " joined", session.id());
 * }</pre>
 *
 * <p>Threading: every method is thread-safe; returned collections are snapshots.
 */
public interface SessionGroups {
    /**
     * Adds a session to a group, creating the group if needed.
     *
     * @param group the group name
     * @param session an open session of this server
     * @return {@code true} if it joined, {@code false} if it was already a member or is closed
     */
    boolean join(String group, Session session);

    /**
     * Removes a session from a group; the group disappears when empty.
     *
     * @param group the group name
     * @param session the session
     * @return {@code true} if it was a member
     */
    boolean leave(String group, Session session);

    /**
     * Removes a session from every group.
     *
     * @param session the session
     */
    void leaveAll(Session session);

    /**
     * Returns the members of a group.
     *
     * @param group the group name
     * @return a snapshot, empty if the group does not exist
     */
    Set<Session> members(String group);

    /**
     * Returns how many sessions a group has.
     *
     * @param group the group name
     * @return the member count, 0 if the group does not exist
     */
    int memberCount(String group);

    /** {@return the names of the groups that have members} */
    Set<String> names();

    /**
     * Returns a broadcaster for a group's members at the time of each broadcast.
     *
     * @param group the group name
     * @return the group's broadcaster; broadcasting to an empty or unknown group reaches nobody
     */
    Broadcaster group(String group);
}
