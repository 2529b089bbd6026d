package io.stormsocket.samples.wsserver;

import io.stormsocket.core.BroadcastResult;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormServer;
import io.stormsocket.websocket.WebSocketCloseStatus;
import io.stormsocket.websocket.WebSocketSession;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The operator's commands, one line at a time; reads no stream itself, so a test can drive it:
 * <pre>
 * /sessions          one line per session: id, name, address, rooms
 * /kick 3            closes session 3 (WebSocket close code 1008)
 * /broadcast hello   sends {"type":"broadcast","from":"admin","text":"hello"} to everyone
 * /rooms             every room with its member count
 * /info 3            details and traffic counters of session 3
 * /stop              stops the server
 * </pre>
 *
 * <p>Threading: {@link #execute} runs on the caller's thread (the stdin reader) and waits for
 * what it starts, so its output is complete when it returns; it must not run on an event loop.
 */
public final class AdminConsole {
    private final StormServer server;
    private final Runnable stop;

    AdminConsole(StormServer server, Runnable stop) {
        this.server = server;
        this.stop = stop;
    }

    /**
     * Runs one console line.
     *
     * @param line what the operator typed
     * @param out where the answer goes
     * @return {@code false} once {@code /stop} ran, {@code true} otherwise
     */
    public boolean execute(String line, PrintStream out) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        String command = space < 0 ? trimmed : trimmed.substring(0, space);
        String argument = space < 0 ? "" : trimmed.substring(space + 1).strip();
        switch (command) {
            case "" -> {
            }
            case "/sessions" -> sessions(out);
            case "/kick" -> session(argument, out).ifPresent(session -> kick(session, out));
            case "/broadcast" -> broadcast(argument, out);
            case "/rooms" -> rooms(out);
            case "/info" -> session(argument, out).ifPresent(session -> info(session, out));
            case "/stop" -> {
                out.println("stopping the server");
                stop.run();
                return false;
            }
            default -> out.println("commands: /sessions, /kick <id>, /broadcast <msg>, /rooms, /info <id>, /stop");
        }
        return true;
    }

    private void sessions(PrintStream out) {
        out.println(server.sessionCount() + " session(s)");
        server.sessions().all().stream().sorted(Comparator.comparingLong(Session::id)).forEach(session ->
                out.printf("  #%d %s %s rooms=%s%n", session.id(), name(session), session.remoteAddress(),
                        new TreeSet<>(session.groups())));
    }

    private Optional<Session> session(String id, PrintStream out) {
        Optional<Session> found;
        try {
            found = server.sessions().find(Long.parseLong(id));
        } catch (NumberFormatException e) {
            out.println("expected a session id, got '" + id + "'");
            return Optional.empty();
        }
        if (found.isEmpty()) {
            out.println("no session #" + id);
        }
        return found;
    }

    private static void kick(Session session, PrintStream out) {
        WebSocketSession.of(session).close(WebSocketCloseStatus.POLICY_VIOLATION, "kicked by the admin").join();
        out.println("kicked #" + session.id() + " (" + name(session) + ")");
    }

    private void broadcast(String text, PrintStream out) {
        if (text.isEmpty()) {
            out.println("usage: /broadcast <message>");
            return;
        }
        BroadcastResult result = server.sessions().broadcast(Events.broadcast(text)).join();
        out.println("broadcast to " + result.delivered() + " of " + result.total() + " session(s)");
    }

    private void rooms(PrintStream out) {
        TreeSet<String> names = new TreeSet<>(server.groups().names());
        out.println(names.size() + " room(s)");
        names.forEach(room -> out.printf("  %s (%d)%n", room, server.groups().memberCount(room)));
    }

    private static void info(Session session, PrintStream out) {
        out.printf("#%d %s%n", session.id(), name(session));
        out.println("  state:    " + session.state());
        out.println("  address:  " + session.remoteAddress());
        out.println("  rooms:    " + new TreeSet<>(session.groups()));
        out.println("  current:  " + session.attribute(ChatCommands.ROOM).orElse("(none)"));
        out.println("  since:    " + session.metrics().connectedAt() + " (" + session.metrics().uptime().toSeconds() + " s)");
        out.println("  messages: " + session.metrics().framesIn() + " in, " + session.metrics().framesOut() + " out");
        out.println("  bytes:    " + session.metrics().bytesIn() + " in, " + session.metrics().bytesOut() + " out");
    }

    private static String name(Session session) {
        return session.attribute(ChatCommands.NAME).orElse("(handshaking)");
    }
}
