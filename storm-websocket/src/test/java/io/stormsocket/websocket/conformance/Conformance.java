package io.stormsocket.websocket.conformance;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ReconnectPolicy;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormFuture;
import io.stormsocket.testing.Await;
import io.stormsocket.websocket.DeflateOptions;
import io.stormsocket.websocket.StormWebSocketClient;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketClientOptions;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The conformance suite's fixture: Storm echo servers, Storm echo clients connected to a raw
 * server peer, and raw client peers, all closed after each test (peers first).
 *
 * <p>Threading: the test thread.
 */
final class Conformance implements AfterEachCallback {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** An uncompressed echo server with default limits. */
    StormWebSocketServer echoServer() {
        return echoServer(WebSocketServerOptions.builder().compression(DeflateOptions.disabled()).build());
    }

    /** An echo server: text back as text, binary as binary. */
    StormWebSocketServer echoServer(WebSocketServerOptions options) {
        return echoServer(ServerConfig.builder(), options);
    }

    /** An echo server with core settings of the test's choosing (the endpoint is set here). */
    StormWebSocketServer echoServer(ServerConfig.Builder config, WebSocketServerOptions options) {
        StormWebSocketServer server = StormWebSocketServer.create(config.endpoint(Endpoint.tcp("127.0.0.1", 0)), options);
        resources.push(server);
        server.onMessageReceived((session, message) -> session.sendFrame(message.retain()));
        Await.result(server.start());
        return server;
    }

    /** A raw client peer connected to {@code server}, offering {@code extensions} (or null). */
    RawWebSocketPeer connect(StormWebSocketServer server, String extensions) throws IOException {
        RawWebSocketPeer peer = RawWebSocketPeer.connect(server.port(), extensions);
        resources.push(peer);
        return peer;
    }

    RawWebSocketPeer connect(StormWebSocketServer server) throws IOException {
        return connect(server, null);
    }

    /** A raw server peer's listening socket. */
    RawWebSocketPeer.Listener listener() throws IOException {
        RawWebSocketPeer.Listener listener = new RawWebSocketPeer.Listener();
        resources.push(listener);
        return listener;
    }

    /** A Storm client (no reconnect) for the raw listener, echoing every message it receives. */
    StormWebSocketClient echoClient(RawWebSocketPeer.Listener listener, WebSocketClientOptions options) {
        StormWebSocketClient client = StormWebSocketClient.create(URI.create("ws://127.0.0.1:" + listener.port() + "/"),
                ClientConfig.builder().reconnect(ReconnectPolicy.disabled()), options);
        resources.push(client);
        client.onMessageReceived((session, message) -> session.sendFrame(message.retain()));
        return client;
    }

    /** Connects a Storm echo client to the raw listener; {@code answer} accepts and answers the upgrade. */
    Connected connectClient(RawWebSocketPeer.Listener listener, WebSocketClientOptions options, Answer answer)
            throws IOException {
        StormWebSocketClient client = echoClient(listener, options);
        StormFuture<Session> connected = client.connect();
        RawWebSocketPeer peer = answer.accept(listener);
        resources.push(peer);
        return new Connected(client, connected, peer);
    }

    /** How the raw server answers a Storm client's upgrade. */
    @FunctionalInterface
    interface Answer {
        RawWebSocketPeer accept(RawWebSocketPeer.Listener listener) throws IOException;
    }

    /** A Storm client, its connect future and the raw server peer it talks to. */
    record Connected(StormWebSocketClient client, StormFuture<Session> future, RawWebSocketPeer peer) {
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }
}
