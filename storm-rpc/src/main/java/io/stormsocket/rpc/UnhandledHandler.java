package io.stormsocket.rpc;

import io.stormsocket.core.Session;

/**
 * Told about a message or request that arrived for a type tag without a handler (unregistered
 * tags included); the sender has already been sent a {@link NoHandlerException} error.
 *
 * <p>Threading: called on the session's event loop; must not block.
 */
@FunctionalInterface
public interface UnhandledHandler {
    /**
     * Handles an unhandled message or request.
     *
     * @param session the session it came from
     * @param typeTag the type tag the peer sent; nothing was deserialized
     */
    void onUnhandled(Session session, String typeTag);
}
