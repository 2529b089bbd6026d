package io.stormsocket.core;

import java.net.SocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * An asynchronous {@link ConnectionFilter}, for decisions that wait on I/O (a deny-list service,
 * a database). The connection is held, not read, until the stage completes; other connections are
 * accepted meanwhile. A stage that fails or completes with {@code false} refuses the connection.
 */
@FunctionalInterface
public interface AsyncConnectionFilter {
    /**
     * Decides on a new connection.
     *
     * @param remote the peer's address
     * @return completes with {@code true} to accept
     */
    CompletionStage<Boolean> accept(SocketAddress remote);
}
