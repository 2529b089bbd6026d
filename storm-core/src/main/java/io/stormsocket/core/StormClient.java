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
 * {@link #state()} tells where the client is; {@link ClientState} draws the transitions.
 *
 * <p>Reconnecting: with a {@link ReconnectPolicy} set through
 * {@link ClientConfig.Builder#reconnect(ReconnectPolicy)}, a session that ends for any reason other
 * than {@code disconnect()} or {@code close()} makes the client reconnect with exponential backoff;
 * {@link #onReconnecting(ReconnectingHandler)} reports each scheduled attempt and
 * {@link #onReconnectFailed(ReconnectFailedHandler)} the end when attempts run out. Every session
 * fires {@code onConnected} when it opens and {@code onDisconnected} when it ends, so a reconnect
 * shows up as {@code onDisconnected} for the old session and {@code onConnected} for the new one.
 *
 * <pre>{@code
 * StormClient client = StormClient.create(ClientConfig.builder()
 *         .endpoint("127.0.0.1", 5000)
 *         .reconnect(ReconnectPolicy.builder().maxAttempts(10).build())
 *         .offlineBuffer(OfflineBuffer.builder().build())
 *         .build());
 * client.onReconnecting((attempt, delay) -> log.info("reconnect #{} in {}", attempt, delay));
 * client.onReconnectFailed((attempts, error) -> log.error("server unreachable", error));
 * }</pre>
 *
 * <p>Sending while not connected fails fast with {@link SessionClosedException}, unless an
 * {@link OfflineBuffer} is configured: then sends made while the client is
 * {@link ClientState#CONNECTING} or {@link ClientState#RECONNECTING} are held and written, in
 * order, as soon as the next session opens.
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
     * Connects to the configured endpoint. Called while connected, returns the open session; called
     * while a connect or reconnect is under way, returns a future that completes when it succeeds.
     *
     * <p>When the connect fails the future fails with {@link ConnectFailedException} and the client
     * is {@link ClientState#DISCONNECTED}, unless {@link ReconnectPolicy#retryInitialConnect()} is
     * on: the client then keeps trying per its policy, and the future fails only when attempts run
     * out (with the error {@link ReconnectFailedHandler} also receives) or {@link #disconnect()} is
     * called.
     *
     * @return completes with the session once open; fails with {@link ConnectFailedException}, or
     *     with {@link IllegalStateException} once the client is closed
     */
    StormFuture<Session> connect();

    /**
     * Returns where the client is in its lifecycle.
     *
     * @return the current state
     */
    ClientState state();

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
     *     (held instead while a connection is on its way, if an {@link OfflineBuffer} is configured;
     *     then fails with {@link OfflineBufferFullException} when the buffer is full)
     */
    StormFuture<SendResult> send(String text);

    /**
     * Sends bytes on the current session.
     *
     * @param data the payload
     * @return completes when written; fails with {@link SessionClosedException} when not connected,
     *     or is held as {@link #send(String)} describes
     */
    StormFuture<SendResult> send(byte[] data);

    /**
     * Sends a Netty buffer on the current session; Storm owns it from now on.
     *
     * @param data the payload
     * @return completes when written; fails with {@link SessionClosedException} when not connected,
     *     or is held as {@link #send(String)} describes
     */
    StormFuture<SendResult> send(ByteBuf data);

    /**
     * Sends a typed frame on the current session.
     *
     * @param frame a frame of the codec's type
     * @return completes when written; fails with {@link SessionClosedException} when not connected,
     *     or is held as {@link #send(String)} describes
     */
    StormFuture<SendResult> sendFrame(Object frame);

    /**
     * Closes the current session gracefully and stops reconnecting; the client is
     * {@link ClientState#DISCONNECTED} and may connect again afterwards.
     *
     * <p>A connect or reconnect attempt under way is abandoned (its {@link #connect()} future fails
     * with {@link ConnectFailedException}), a pending reconnect timer is cancelled, and sends held in
     * the {@link OfflineBuffer} fail with {@link SessionClosedException}. No
     * {@code onReconnecting} event follows once the returned future has completed.
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

    /**
     * Subscribes to scheduled reconnect attempts.
     *
     * @param handler called with the attempt number and the delay before it
     * @return the subscription
     */
    Subscription onReconnecting(ReconnectingHandler handler);

    /**
     * Subscribes to the end of reconnecting when {@link ReconnectPolicy#maxAttempts()} attempts
     * have failed; the errors of a client that has no session are reported here.
     *
     * @param handler called with the number of attempts and the final error
     * @return the subscription
     */
    Subscription onReconnectFailed(ReconnectFailedHandler handler);

    /**
     * Disconnects as {@link #disconnect()} does, releases the threads the client owns, waiting for
     * both, and leaves the client {@link ClientState#CLOSED}.
     *
     * <p>Threading: blocks, so call it from an application thread; inside an event handler, call
     * {@link #disconnect()} instead.
     */
    @Override
    void close();
}
