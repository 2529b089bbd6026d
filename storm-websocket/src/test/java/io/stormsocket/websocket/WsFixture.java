package io.stormsocket.websocket;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.testing.Await;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts WebSocket servers and clients on 127.0.0.1 and closes them after each test. */
final class WsFixture implements AfterEachCallback {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** A message as a test sees it: copied out of the lent buffer. */
    record Received(Session session, WebSocketMessage.Type type, byte[] bytes) {
        String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    StormWebSocketServer server(WebSocketServerOptions options) {
        StormWebSocketServer server = StormWebSocketServer.create(ServerConfig.builder().endpoint(
                io.stormsocket.core.Endpoint.tcp("127.0.0.1", 0)), options);
        resources.push(server);
        return server;
    }

    /** An echo server: text back as text, binary as binary. */
    StormWebSocketServer echoServer(WebSocketServerOptions options) {
        StormWebSocketServer server = server(options);
        server.onMessageReceived((session, message) -> session.sendFrame(message.retain()));
        Await.result(server.start());
        return server;
    }

    StormWebSocketClient client(StormWebSocketServer server, String path, WebSocketClientOptions options) {
        return client(URI.create("ws://127.0.0.1:" + server.port() + path), ClientConfig.builder(), options);
    }

    StormWebSocketClient client(URI uri, ClientConfig.Builder config, WebSocketClientOptions options) {
        StormWebSocketClient client = StormWebSocketClient.create(uri, config, options);
        resources.push(client);
        return client;
    }

    <T extends AutoCloseable> T closeAfter(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Collects messages of a server or client. */
    static BlockingQueue<Received> messages(StormWebSocketClient client) {
        BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
        client.onMessageReceived((session, message) -> queue.add(new Received(session, message.type(), message.bytes())));
        return queue;
    }

    static BlockingQueue<Received> messages(StormWebSocketServer server) {
        BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
        server.onMessageReceived((session, message) -> queue.add(new Received(session, message.type(), message.bytes())));
        return queue;
    }

    static BlockingQueue<CloseReason> disconnects(StormWebSocketClient client) {
        BlockingQueue<CloseReason> queue = new LinkedBlockingQueue<>();
        client.onDisconnected((session, reason) -> queue.add(reason));
        return queue;
    }

    static <T> T take(BlockingQueue<T> queue) {
        try {
            T value = queue.poll(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (value == null) {
                throw new AssertionError("nothing arrived within " + Await.TIMEOUT);
            }
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }
}
