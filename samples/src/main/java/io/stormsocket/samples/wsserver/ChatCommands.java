package io.stormsocket.samples.wsserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionKey;
import io.stormsocket.core.StormServer;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The JSON command protocol of the ws-server sample, one text message per command:
 * <pre>
 * {"cmd":"name","name":"alice"}              choose a unique name
 * {"cmd":"chat","text":"hi"}                 say something in the current room
 * {"cmd":"whisper","to":"bob","text":"psst"} say something to one user
 * {"cmd":"join","room":"dev"}                join a room; it becomes the current one
 * {"cmd":"leave","room":"dev"}               leave a room
 * {"cmd":"users"}                            list everyone's names
 * </pre>
 * Rooms are Storm session groups, so members leave them automatically when they disconnect.
 *
 * <p>Threading: a session's commands run on its event loop, one at a time; the name directory is
 * shared by all sessions and therefore a concurrent map.
 */
final class ChatCommands {
    /** The session's unique name. */
    static final SessionKey<String> NAME = SessionKey.of("ws-server.name", String.class);
    /** The room that {@code chat} goes to: the one joined last. */
    static final SessionKey<String> ROOM = SessionKey.of("ws-server.room", String.class);
    /** The room every session starts in. */
    static final String LOBBY = "lobby";
    private static final int MAX_NAME_LENGTH = 32;

    private final StormServer server;
    private final ConcurrentMap<String, Long> names = new ConcurrentHashMap<>();

    ChatCommands(StormServer server) {
        this.server = server;
    }

    /** Names a new session {@code guest-<id>}, greets it and puts it in the lobby. */
    void connected(Session session) {
        String name = "guest-" + session.id();
        names.put(name, session.id());
        session.attribute(NAME, name);
        session.send(Events.event("welcome").put("id", session.id()).put("name", name).toString());
        join(session, LOBBY);
    }

    /** Frees the session's name for others. */
    void disconnected(Session session) {
        session.attribute(NAME).ifPresent(name -> names.remove(name, session.id()));
    }

    /** Finds a session by the name it chose. */
    Optional<Session> byName(String name) {
        return Optional.ofNullable(names.get(name)).flatMap(id -> server.sessions().find(id));
    }

    /** Runs one command and replies to the sender; a bad command gets an {@code error} reply. */
    void handle(Session session, String text) {
        try {
            JsonNode command = Events.command(text);
            switch (command.path("cmd").asText("")) {
                case "name" -> rename(session, field(command, "name"));
                case "chat" -> chat(session, field(command, "text"));
                case "whisper" -> whisper(session, field(command, "to"), field(command, "text"));
                case "join" -> join(session, field(command, "room"));
                case "leave" -> leave(session, field(command, "room"));
                case "users" -> users(session);
                default -> session.send(Events.error(
                        "unknown cmd; try name, chat, whisper, join, leave or users"));
            }
        } catch (JsonProcessingException e) {
            session.send(Events.error("not JSON: " + e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            session.send(Events.error(e.getMessage()));
        }
    }

    private static String field(JsonNode command, String name) {
        JsonNode value = command.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("\"" + name + "\" must be a non-empty string");
        }
        return value.asText().strip();
    }

    private static String nameOf(Session session) {
        return session.attribute(NAME).orElseThrow();
    }

    private void rename(Session session, String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("names have at most " + MAX_NAME_LENGTH + " characters");
        }
        String old = nameOf(session);
        if (name.equals(old)) {
            session.send(Events.event("renamed").put("from", old).put("name", name).toString());
            return;
        }
        if (names.putIfAbsent(name, session.id()) != null) {
            throw new IllegalArgumentException("the name " + name + " is taken");
        }
        names.remove(old, session.id());
        session.attribute(NAME, name);
        String event = Events.event("renamed").put("from", old).put("name", name).toString();
        session.send(event);
        for (String room : session.groups()) {
            server.groups().group(room).broadcast(event, session.id());
        }
    }

    private void chat(Session session, String text) {
        Optional<String> room = session.attribute(ROOM);
        if (room.isEmpty()) {
            throw new IllegalArgumentException("you are in no room; join one first");
        }
        server.groups().group(room.get()).broadcast(Events.event("chat")
                .put("room", room.get()).put("from", nameOf(session)).put("text", text).toString());
    }

    private void whisper(Session session, String to, String text) {
        Session target = byName(to).orElseThrow(() -> new IllegalArgumentException("no user named " + to));
        target.send(Events.event("whisper").put("from", nameOf(session)).put("text", text).toString());
        session.send(Events.event("whispered").put("to", to).put("text", text).toString());
    }

    private void join(Session session, String room) {
        if (room.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("room names have at most " + MAX_NAME_LENGTH + " characters");
        }
        session.join(room);
        session.attribute(ROOM, room);
        server.groups().group(room).broadcast(Events.event("joined")
                .put("room", room).put("name", nameOf(session)).toString());
    }

    private void leave(Session session, String room) {
        if (!session.leave(room)) {
            throw new IllegalArgumentException("you are not in " + room);
        }
        String event = Events.event("left").put("room", room).put("name", nameOf(session)).toString();
        session.send(event);
        server.groups().group(room).broadcast(event);
        if (session.attribute(ROOM).filter(room::equals).isPresent()) {
            Optional<String> other = session.groups().stream().findFirst();
            if (other.isPresent()) {
                session.attribute(ROOM, other.get());
            } else {
                session.removeAttribute(ROOM);
            }
        }
    }

    private void users(Session session) {
        ObjectNode event = Events.event("users");
        ArrayNode list = event.putArray("users");
        new TreeSet<>(names.keySet()).forEach(list::add);
        session.send(event.toString());
    }
}
