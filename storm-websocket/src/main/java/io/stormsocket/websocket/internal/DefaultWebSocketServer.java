package io.stormsocket.websocket.internal;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.Subscription;
import io.stormsocket.websocket.HandshakeHandler;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.util.Objects;

/** The {@link StormWebSocketServer}: a Storm server with the WebSocket protocol hook. */
public final class DefaultWebSocketServer implements StormWebSocketServer {
    private final StormServer storm;
    private final WebSocketServerOptions options;
    private final WebSocketProtocol protocol;

    private DefaultWebSocketServer(StormServer storm, WebSocketServerOptions options, WebSocketProtocol protocol) {
        this.storm = storm;
        this.options = options;
        this.protocol = protocol;
    }

    /**
     * Creates the server.
     *
     * @param config the Storm configuration
     * @param options the WebSocket options
     * @return the server
     */
    public static StormWebSocketServer create(ServerConfig.Builder config, WebSocketServerOptions options) {
        Objects.requireNonNull(options, "options");
        WebSocketProtocol protocol = WebSocketProtocol.server(options);
        // A copy: the caller's builder stays as it was.
        return new DefaultWebSocketServer(StormServer.create(config.build().toBuilder().protocol(protocol).build()),
                options, protocol);
    }

    @Override
    public StormFuture<StormWebSocketServer> start() {
        StormFuture.Promise<StormWebSocketServer> started = StormFuture.promise();
        storm.start().whenComplete((server, error) -> {
            if (error != null) {
                started.fail(error);
            } else {
                started.succeed(this);
            }
        });
        return started.future();
    }

    @Override
    public int port() {
        return storm.port();
    }

    @Override
    public StormServer storm() {
        return storm;
    }

    @Override
    public WebSocketServerOptions options() {
        return options;
    }

    @Override
    public Subscription onConnectingAsync(HandshakeHandler handler) {
        Objects.requireNonNull(handler, "handler");
        protocol.handshakeHandler(handler);
        return () -> {
            if (protocol.handshakeHandler() == handler) {
                protocol.handshakeHandler(null);
            }
        };
    }

    @Override
    public void close() {
        storm.close();
    }

    @Override
    public String toString() {
        return "StormWebSocketServer[" + storm + "]";
    }
}
