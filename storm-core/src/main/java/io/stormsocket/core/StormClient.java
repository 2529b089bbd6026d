package io.stormsocket.core;

import io.netty.buffer.ByteBuf;
import io.stormsocket.core.internal.DefaultStormClient;
import java.util.Optional;

/**
 * A TCP (or Unix domain socket) client with the same events as a server.
 *
 * <pre>{@code
 * StormClient client = StormClient.create(ClientConfig.builder().endpoint("127.0.0.1", 5000).build());
 * client.onDataReceived((session, data) -> System.out.println(data.text()));
 * client.connect().join();
 * client.send("hello");
 * }</pre>
 *
 * <p>Lifecycle: {@link #connect()} opens one connection; {@link #disconnect()} closes it and the
 * client may connect again; {@link #close()} also releases the threads the client owns.
 *
 * <p>Threading: every method is thread-safe; events follow the {@link SessionEvents} contract.
 */
public interface StormClient extends SessionEvents, AutoCloseable {

    /**
     * Creates a client; nothing connects until {@link #connect()}.
     *
     * @param config the configuration
     * @return a new client
     */
    static StormClient create(ClientConfig config) {
        return new DefaultStormClient(config);
    }

    /**
     * Connects to the configured endpoint.
     *
     * @return completes with the session once open; fails with {@link ConnectFailedException}
     */
    StormFuture<Session> connect();

    /**
     * Returns the current session.
     *
     * @return the session, absent when not connected
     */
    Optional<Session> session();

    /**
     * Tells whether a session is open.
     *
     * @return {@code true} when connected
     */
    boolean isConnected();

    /**
     * Sends text on the current session.
     *
     * @param text the payload
     * @return completes when written; fails with {@link SessionClosedException} when not connected
     */
    StormFuture<SendResult> send(String text);

    /**
     * Sends bytes on the current session.
     *
     * @param data the payload
     * @return completes when written; fails with {@link SessionClosedException} when not connected
     */
    StormFuture<SendResult> send(byte[] data);

    /**
     * Sends a Netty buffer on the current session; Storm owns it from now on.
     *
     * @param data the payload
     * @return completes when written; fails with {@link SessionClosedException} when not connected
     */
    StormFuture<SendResult> send(ByteBuf data);

    /**
     * Sends a typed frame on the current session.
     *
     * @param frame a frame of the codec's type
     * @return completes when written; fails with {@link SessionClosedException} when not connected
     */
    StormFuture<SendResult> sendFrame(Object frame);

    /**
     * Closes the current session gracefully; the client may connect again afterwards.
     *
     * @return completes when the session has closed (at once if none is open)
     */
    StormFuture<Void> disconnect();

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
    ClientConfig config();

    /** Disconnects and releases the threads the client owns, waiting for both. */
    @Override
    void close();
}
