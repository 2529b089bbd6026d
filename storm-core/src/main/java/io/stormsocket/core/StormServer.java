package io.stormsocket.core;

import io.stormsocket.core.internal.DefaultStormServer;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * A TCP (or Unix domain socket) server: configure, subscribe to events, start.
 *
 * <pre>{@code
 * StormServer server = StormServer.create(ServerConfig.builder().port(5000).build());
 * server.onDataReceived((session, data) -> session.send(data)); // echo
 * server.start().join();
 * }</pre>
 *
 * <p>Lifecycle: {@link #start()} binds and completes when the server listens; {@link #stop()}
 * closes the listener and every session (reason {@link CloseReason#SHUTDOWN}) and releases the
 * threads and buffers the server owns. A stopped server cannot be started again.
 *
 * <p>Threading: every method is thread-safe. Subscribe before {@code start()} to see every session.
 */
public interface StormServer extends SessionEvents, AutoCloseable {

    /**
     * Creates a server; nothing is bound until {@link #start()}.
     *
     * @param config the configuration
     * @return a new server
     */
    static StormServer create(ServerConfig config) {
        return new DefaultStormServer(config);
    }

    /**
     * Binds the endpoint and starts accepting.
     *
     * @return completes with this server once bound, or fails (for example when the port is taken)
     */
    StormFuture<StormServer> start();

    /**
     * Returns the bound address; for port 0 this has the port the OS picked.
     *
     * @return the local address
     * @throws IllegalStateException if the server is not started
     */
    SocketAddress localAddress();

    /**
     * Returns the bound TCP port.
     *
     * @return the port
     * @throws IllegalStateException if not started or bound to a Unix domain socket
     */
    int port();

    /**
     * Returns the transport in use.
     *
     * @return the resolved transport
     */
    Transport transport();

    /**
     * Returns the configuration.
     *
     * @return the configuration
     */
    ServerConfig config();

    /**
     * Returns the open sessions: lookup, broadcast, close all.
     *
     * @return the session registry
     */
    SessionRegistry sessions();

    /**
     * Returns the server's named groups of sessions.
     *
     * @return the groups
     */
    SessionGroups groups();

    /**
     * Returns the server's counters: connections accepted and rejected, active, traffic totals.
     *
     * @return a snapshot
     */
    ServerStats stats();

    /**
     * Returns how many sessions are connected now.
     *
     * @return the count of open sessions
     */
    int sessionCount();

    /** Stops accepting new connections; the listening socket stays open and the OS queues them. */
    void pauseAccepting();

    /** Resumes accepting after {@link #pauseAccepting()}. */
    void resumeAccepting();

    /**
     * Tells whether the server accepts new connections.
     *
     * @return {@code false} after {@link #pauseAccepting()}
     */
    boolean isAccepting();

    /**
     * Stops the server: closes the listener and every session (reason shutdown), waiting up to
     * 5 seconds for queued writes.
     *
     * @return completes when everything the server owns is released
     */
    StormFuture<Void> stop();

    /**
     * Stops the server, waiting up to {@code grace} for queued writes before aborting what remains.
     *
     * @param grace how long sessions may take to flush
     * @return completes when everything the server owns is released
     */
    StormFuture<Void> stop(Duration grace);

    /** Stops the server and waits for it. */
    @Override
    void close();
}
