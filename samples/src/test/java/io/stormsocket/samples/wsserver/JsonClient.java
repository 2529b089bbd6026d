package io.stormsocket.samples.wsserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Session;
import io.stormsocket.testing.Await;
import io.stormsocket.websocket.StormWebSocketClient;
import io.stormsocket.websocket.WebSocketClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A scripted ws-server user: a Storm WebSocket client that parses every message as JSON and lets a
 * test wait for the next message of a type, skipping the others (ticks arrive at any time).
 */
final class JsonClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final StormWebSocketClient client;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> disconnected = new CompletableFuture<>();
    private final Session session;
    private final JsonNode welcome;

    JsonClient(int port) {
        client = StormWebSocketClient.create(URI.create("ws://127.0.0.1:" + port + WsServerSample.PATH),
                ClientConfig.builder(), WebSocketClientOptions.defaults());
        client.onMessageReceived((s, message) -> received.add(JSON.readTree(message.text())));
        client.onDisconnected((s, reason) -> disconnected.complete(reason));
        session = Await.result(client.connect());
        welcome = next("welcome");
    }

    long serverId() {
        return welcome.get("id").asLong();
    }

    Session session() {
        return session;
    }

    CompletableFuture<CloseReason> disconnected() {
        return disconnected;
    }

    void send(String json) {
        client.send(json);
    }

    /** Sends a command given as alternating keys and values, e.g. {@code command("chat", "text", "hi")}. */
    void command(String cmd, String... fieldsAndValues) {
        var node = JSON.createObjectNode().put("cmd", cmd);
        for (int i = 0; i + 1 < fieldsAndValues.length; i += 2) {
            node.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        send(node.toString());
    }

    JsonNode next(String type) {
        return next(type, message -> true);
    }

    /** Waits for the next message of a type meeting a condition; earlier ones of other kinds are dropped. */
    JsonNode next(String type, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            JsonNode message;
            try {
                message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + type, e);
            }
            if (message == null) {
                throw new AssertionError("no '" + type + "' message within " + WAIT + "; skipped " + skipped);
            }
            if (message.path("type").asText().equals(type) && condition.test(message)) {
                return message;
            }
            if (!message.path("type").asText().equals("tick")) {
                skipped.add(message.toString());
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
