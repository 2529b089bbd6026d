package io.stormsocket.benchmarks.echo;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Transport;
import io.stormsocket.ssl.TlsServerOptions;
import io.stormsocket.websocket.DeflateOptions;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketServerOptions;

/**
 * The Storm WebSocket echo server: the one-liner a user would write. Any path is accepted; each
 * message goes back as it came, text as text and binary as binary. permessage-deflate is
 * negotiated when the client offers it, unless {@code --no-compression}.
 */
final class StormWebSocketEchoServer implements EchoServer {
    /**
     * The largest frame and message both WebSocket servers accept: Storm's default frame limit,
     * set explicitly so the raw-Netty baseline can use the same number.
     */
    static final int MAX_MESSAGE_SIZE = 1024 * 1024;

    private final StormWebSocketServer server;

    private StormWebSocketEchoServer(StormWebSocketServer server) {
        this.server = server;
    }

    static EchoServer start(EchoServerOptions options) {
        ServerConfig.Builder config = ServerConfig.builder()
                .port(options.port())
                .ioThreads(options.ioThreads());
        if (options.proto().secure()) {
            config.tls(TlsServerOptions.builder().keyMaterial(Tls.certificate().keyMaterial()).build());
        }
        WebSocketServerOptions ws = WebSocketServerOptions.builder()
                .maxFrameSize(MAX_MESSAGE_SIZE)
                .maxMessageSize(MAX_MESSAGE_SIZE)
                .compression(options.compression() ? DeflateOptions.defaults() : DeflateOptions.disabled())
                .build();
        StormWebSocketServer server = StormWebSocketServer.create(config, ws);
        // The message is lent for the callback; the retained reference goes to the write.
        server.onMessageReceived((session, message) -> session.sendFrame(message.retain()));
        server.start().join();
        return new StormWebSocketEchoServer(server);
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public Transport transport() {
        return server.storm().transport();
    }

    @Override
    public void close() {
        server.close();
    }
}
