package io.stormsocket.samples.wsserver;

import io.stormsocket.core.RateLimiter;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.websocket.Heartbeat;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The full-featured WebSocket server sample: JSON commands on {@code ws://host:port/ws} (see
 * {@link ChatCommands}), a tick broadcast every second, a heartbeat, connection logging as
 * middleware, per-session rate limiting and an admin console ({@link AdminConsole}).
 *
 * <p>Lifecycle: {@link #start} returns a running server; {@link #close()} or the console's
 * {@code /stop} stops it and completes {@link #stopped()}.
 */
public final class WsServerSample implements AutoCloseable {
    /** The WebSocket endpoint's path. */
    public static final String PATH = "/ws";
    /** Messages a session may send per second; the one over it disconnects the session. */
    public static final int MAX_MESSAGES_PER_SECOND = 20;
    /** Time between two tick broadcasts. */
    public static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration PING_EVERY = Duration.ofSeconds(15);

    private final StormWebSocketServer server;
    private final Ticker ticker;
    private final AdminConsole console;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private WsServerSample(int port, PrintStream log) {
        RateLimiter limiter = RateLimiter.builder()
                .maxMessages(MAX_MESSAGES_PER_SECOND)
                .window(Duration.ofSeconds(1))
                .action(RateLimiter.Action.DISCONNECT)
                .build();
        limiter.onExceeded(session -> log.println("! session #" + session.id() + " sends too fast; disconnecting"));
        server = StormWebSocketServer.create(
                ServerConfig.builder().port(port).middleware(new ConnectionLog(log), limiter),
                WebSocketServerOptions.builder().paths(PATH).heartbeat(Heartbeat.every(PING_EVERY, 2)).build());
        ChatCommands chat = new ChatCommands(server.storm());
        server.onConnected(chat::connected);
        server.onMessageReceived((session, message) -> {
            if (message.isText()) {
                chat.handle(session, message.text());
            } else {
                session.send(Events.error("commands are text messages"));
            }
        });
        server.onDisconnected((session, reason) -> chat.disconnected(session));
        try {
            server.start().join();
        } catch (RuntimeException e) {
            server.close(); // frees the event loops, so a failed start does not keep the JVM alive
            throw e;
        }
        ticker = new Ticker(server.storm().sessions(), TICK, Clock.systemUTC());
        console = new AdminConsole(server.storm(), this::close);
    }

    /**
     * Creates and starts the server.
     *
     * @param port the port, 0 for any free one
     * @param log where connects, disconnects and rate-limit hits are printed
     * @return the running sample
     */
    public static WsServerSample start(int port, PrintStream log) {
        return new WsServerSample(port, log);
    }

    /** {@return the bound port} */
    public int port() {
        return server.port();
    }

    /** {@return the WebSocket server, for wiring more handlers} */
    public StormWebSocketServer server() {
        return server;
    }

    /** {@return the admin console, which a caller feeds with lines} */
    public AdminConsole console() {
        return console;
    }

    /** {@return completes once the server has stopped} */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** Stops the ticker and the server (sessions get Close 1001); safe to call twice. */
    @Override
    public void close() {
        ticker.close();
        server.close();
        stopped.complete(null);
    }

    /**
     * Runs the sample with an admin console on standard input until {@code /stop} or the process ends.
     *
     * @param port the port
     * @throws IOException if standard input fails
     */
    public static void runUntilStopped(int port) throws IOException {
        WsServerSample sample = start(port, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(sample::close));
        System.out.println("WebSocket server on ws://localhost:" + sample.port() + PATH
                + "; send JSON such as {\"cmd\":\"name\",\"name\":\"alice\"}");
        System.out.println("admin console: /sessions, /kick <id>, /broadcast <msg>, /rooms, /info <id>, /stop");
        readConsole(sample, System.in, System.out);
        sample.stopped().join();
    }

    private static void readConsole(WsServerSample sample, InputStream in, PrintStream out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!sample.console().execute(line, out)) {
                return;
            }
        }
        out.println("standard input closed: the console is off; stop the server with Ctrl+C");
    }
}
