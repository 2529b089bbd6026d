package io.stormsocket.websocket;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.SendResult;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionEvents;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormFuture;
import io.stormsocket.websocket.internal.DefaultWebSocketClient;
import java.net.URI;

/**
 * A WebSocket client: a {@link StormClient} that upgrades to WebSocket on every connect, so
 * auto-reconnect, the offline buffer and the shared event loops work as for TCP.
 *
 * <pre>{@code
 * StormWebSocketClient client = StormWebSocketClient.create(URI.create("ws://localhost:8080/chat"),
 *         ClientConfig.builder(), WebSocketClientOptions.defaults());
 * client.onMessageReceived((session, message) -> System.out.println(message.text()));
 * client.connect().join();
 * client.send("hello");
 * }</pre>
 *
 * <p>{@code wss://} needs TLS on the configuration (storm-ssl's {@code TlsClientOptions}); the
 * URI's host is then used for SNI and hostname verification. Every frame is masked with a fresh
 * key from a {@link java.security.SecureRandom} (RFC 6455 section 10.3).
 */
public interface StormWebSocketClient extends WebSocketEvents, AutoCloseable {

    /**
     * Creates (does not connect) a client; the configuration's endpoint is taken from the URI.
     *
     * @param uri a {@code ws://} or {@code wss://} URI
     * @param config the Storm client configuration (reconnect, timeouts, TLS)
     * @param options the WebSocket options
     * @return the client
     * @throws IllegalArgumentException for another scheme, or {@code wss://} without TLS configured
     */
    static StormWebSocketClient create(URI uri, ClientConfig.Builder config, WebSocketClientOptions options) {
        return DefaultWebSocketClient.create(uri, config, options);
    }

    /**
     * Connects and upgrades; completes with the open session, or fails with a
     * {@link io.stormsocket.core.ConnectFailedException} whose cause says why (a
     * {@link WebSocketHandshakeException} with the HTTP status when the server refuses the upgrade).
     *
     * @return the session
     */
    StormFuture<Session> connect();

    /** {@return the underlying Storm client: state, reconnect events, disconnect} */
    StormClient storm();

    /** {@return the underlying client's events} */
    @Override
    default SessionEvents events() {
        return storm();
    }

    /** {@return the URI this client connects to} */
    URI uri();

    /**
     * Sends a text message on the current session (held in the offline buffer while reconnecting,
     * if one is configured).
     *
     * @param text the text
     * @return completes when written
     */
    default StormFuture<SendResult> send(String text) {
        return storm().send(text);
    }

    /**
     * Sends a binary message on the current session.
     *
     * @param data the bytes
     * @return completes when written
     */
    default StormFuture<SendResult> send(byte[] data) {
        return storm().send(data);
    }

    /** Disconnects and releases the client's resources. */
    @Override
    void close();
}
