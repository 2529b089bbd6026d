package io.stormsocket.core.internal;

/**
 * What a server or client learns about its sessions' lifecycles, called on the session's event
 * loop: created (pipeline built), opened (just before {@code onConnected}) and closed (just before
 * {@code onDisconnected}). Every created session is closed exactly once; it may never open.
 */
interface SessionListener {
    default void created(DefaultSession session) {
    }

    void opened(DefaultSession session);

    void closed(DefaultSession session);
}
