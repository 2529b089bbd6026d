package io.stormsocket.samples.wschat;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.SessionKey;
import io.stormsocket.websocket.HandshakeDecision;
import io.stormsocket.websocket.HttpAnswer;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A WebSocket chat room: every message goes to everyone else in the room. The same port serves
 * the chat page, so two browser tabs on {@code http://localhost:8080/} can talk to each other.
 */
public final class WsChatSample {
    /** The name a user chose, from the {@code name} query parameter of the upgrade request. */
    static final SessionKey<String> NAME = SessionKey.of("name", String.class);

    private WsChatSample() {
    }

    /**
     * Creates and starts the chat server.
     *
     * @param port the port, 0 for any free one
     * @return the running server
     */
    public static StormWebSocketServer start(int port) {
        String page = page();
        // README:ws-chat
        StormWebSocketServer server = StormWebSocketServer.create(ServerConfig.builder().port(port),
                WebSocketServerOptions.builder()
                        .paths("/chat")
                        .httpHandler(request -> request.path().equals("/")
                                ? Optional.of(HttpAnswer.html(page)) : Optional.empty())
                        .build());
        server.onConnecting(request -> HandshakeDecision.accept()
                .withAttribute(NAME, request.queryParameter("name").filter(n -> !n.isBlank()).orElse("anonymous")));
        server.onConnected(session -> server.storm().sessions()
                .broadcast("* " + session.attribute(NAME).orElseThrow() + " joined", session.id()));
        server.onMessageReceived((session, message) -> server.storm().sessions()
                .broadcast(session.attribute(NAME).orElseThrow() + ": " + message.text(), session.id()));
        server.onDisconnected((session, reason) -> server.broadcast("* " + session.attribute(NAME).orElseThrow() + " left"));
        server.start().join();
        // END
        return server;
    }

    private static String page() {
        try (InputStream in = WsChatSample.class.getResourceAsStream("chat.html")) {
            if (in == null) {
                throw new IllegalStateException("chat.html is missing from the samples jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the sample until the process is stopped.
     *
     * @param port the port
     * @throws InterruptedException when interrupted
     */
    public static void runUntilStopped(int port) throws InterruptedException {
        StormWebSocketServer server = start(port);
        System.out.println("WebSocket chat on port " + server.port() + ": open http://localhost:" + server.port()
                + "/ in two browser tabs (the WebSocket endpoint is ws://localhost:" + server.port() + "/chat)");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }
}
