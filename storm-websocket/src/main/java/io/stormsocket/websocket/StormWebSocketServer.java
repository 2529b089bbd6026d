package io.stormsocket.websocket;

import io.stormsocket.core.BroadcastResult;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.SessionEvents;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.Subscription;
import io.stormsocket.websocket.internal.DefaultWebSocketServer;
import java.util.concurrent.CompletableFuture;

/**
 * A WebSocket server: a {@link StormServer} whose connections upgrade from HTTP and then exchange
 * WebSocket messages. Its sessions are ordinary Storm sessions — the registry, groups, broadcast,
 * slow-consumer policies, middleware, rate limiting and TLS all apply unchanged.
 *
 * <pre>{@code
 * StormWebSocketServer server = StormWebSocketServer.create(ServerConfig.builder().port(8080),
 *         WebSocketServerOptions.builder().paths("/chat").build());
 * server.onMessageReceived((session, message) -> session.send(message.text()));
 * server.start().join();
 * }</pre>
 *
 * <p>Events: {@code onConnected} fires after a successful upgrade; {@code onMessageReceived} for
 * each complete message; {@code onDisconnected} once, with the reason
 * ({@link WebSocketSession#peerCloseStatus()} has the peer's Close code). A failed handshake
 * reaches {@code onError} only.
 *
 * <p>Lifecycle: {@link #close()} stops the server; sessions get a Close frame with 1001.
 */
public interface StormWebSocketServer extends WebSocketEvents, AutoCloseable {

    /**
     * Creates (does not start) a server. TLS, when configured on {@code config}, makes it
     * {@code wss://}; the configuration's codec is not used.
     *
     * @param config the Storm server configuration
     * @param options the WebSocket options
     * @return the server
     */
    static StormWebSocketServer create(ServerConfig.Builder config, WebSocketServerOptions options) {
        return DefaultWebSocketServer.create(config, options);
    }

    /**
     * Starts listening.
     *
     * @return completes when the server listens
     */
    StormFuture<StormWebSocketServer> start();

    /** {@return the port the server listens on} */
    int port();

    /** {@return the underlying Storm server: sessions, groups, stats, stop} */
    StormServer storm();

    /** {@return the underlying server's events} */
    @Override
    default SessionEvents events() {
        return storm();
    }

    /** {@return the WebSocket options} */
    WebSocketServerOptions options();

    /**
     * Decides on each upgrade request before it is accepted: authentication, subprotocol choice,
     * session attributes. Without one every request on an allowed path and origin is accepted.
     * Setting a new one replaces the previous one.
     *
     * @param handler the synchronous decision
     * @return a subscription that removes the handler
     */
    default Subscription onConnecting(SyncHandshakeHandler handler) {
        return onConnectingAsync(request -> CompletableFuture.completedFuture(handler.onConnecting(request)));
    }

    /**
     * Like {@link #onConnecting(SyncHandshakeHandler)}, for decisions that complete later.
     *
     * @param handler the asynchronous decision
     * @return a subscription that removes the handler
     */
    Subscription onConnectingAsync(HandshakeHandler handler);

    /**
     * Sends a text message to every session, encoded once for all.
     *
     * @param text the text
     * @return the outcome
     */
    default StormFuture<BroadcastResult> broadcast(String text) {
        return storm().sessions().broadcast(text);
    }

    /**
     * Sends a binary message to every session, encoded once for all.
     *
     * @param data the bytes
     * @return the outcome
     */
    default StormFuture<BroadcastResult> broadcast(byte[] data) {
        return storm().sessions().broadcast(data);
    }

    /** Stops the server and closes every session. */
    @Override
    void close();
}
