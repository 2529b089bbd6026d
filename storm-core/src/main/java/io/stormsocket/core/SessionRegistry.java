package io.stormsocket.core;

import java.util.Collection;
import java.util.Optional;

/**
 * The open sessions of a server: lookup, broadcast and closing. A session is in the registry from
 * just before its {@code onConnected} until just before its {@code onDisconnected}.
 *
 * <pre>{@code
 * server.sessions().broadcast("server restarting in 1 minute");
 * server.sessions().find(42).ifPresent(Session::close);
 * }</pre>
 *
 * <p>Threading: every method is thread-safe; collections returned are snapshots.
 */
public interface SessionRegistry extends Broadcaster {
    /** {@return the number of open sessions} */
    int count();

    /** {@return a snapshot of the open sessions} */
    Collection<Session> all();

    /**
     * Finds a session by id.
     *
     * @param id the session id
     * @return the session, absent if it is not open
     */
    Optional<Session> find(long id);

    /**
     * Closes every open session gracefully with {@link CloseReason#LOCAL_CLOSE}.
     *
     * @return completes when all of them have closed
     */
    StormFuture<Void> closeAll();
}
