package io.stormsocket.core;

import java.net.SocketAddress;

/**
 * Decides at accept time, from the remote address alone, whether a connection may become a
 * session. A refused connection is closed at once and counted as rejected; no session exists and
 * no event fires. Runs on the accepting event loop: keep it fast, and use
 * {@link AsyncConnectionFilter} for decisions that wait on I/O.
 *
 * <pre>{@code
 * ServerConfig.builder().connectionFilter(remote ->
 *         !(remote instanceof InetSocketAddress inet) || !blocked.contains(inet.getAddress()));
 * }</pre>
 */
@FunctionalInterface
public interface ConnectionFilter {
    /**
     * Decides on a new connection.
     *
     * @param remote the peer's address (the socket's; PROXY headers are read later)
     * @return {@code true} to accept
     * @throws Exception treated as a refusal
     */
    boolean accept(SocketAddress remote) throws Exception;
}
