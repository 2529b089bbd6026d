package io.stormsocket.samples.wsserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stormsocket.core.CloseReason;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.StormExtension;
import io.stormsocket.websocket.WebSocketCloseStatus;
import io.stormsocket.websocket.WebSocketSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WsServerSampleTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

    private WsServerSample server() {
        return storm.closeAfter(WsServerSample.start(0, log));
    }

    private JsonClient client(WsServerSample server, String name) {
        JsonClient client = storm.closeAfter(new JsonClient(server.port()));
        client.command("name", "name", name);
        assertThat(client.next("renamed").get("name").asText()).isEqualTo(name);
        return client;
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Test
    void namesRoomsChatWhispersAndUsers() {
        WsServerSample server = server();
        JsonClient alice = client(server, "alice");
        JsonClient bob = client(server, "bob");

        bob.command("name", "name", "alice");
        assertThat(bob.next("error").get("message").asText()).contains("taken");

        alice.command("join", "room", "dev");
        alice.next("joined", m -> m.get("room").asText().equals("dev"));
        bob.command("join", "room", "dev");
        JsonNode joined = alice.next("joined", m -> m.get("room").asText().equals("dev"));
        assertThat(joined.get("name").asText()).isEqualTo("bob");

        alice.command("chat", "text", "hello dev");
        JsonNode chat = bob.next("chat");
        assertThat(chat.get("room").asText()).isEqualTo("dev");
        assertThat(chat.get("from").asText()).isEqualTo("alice");
        assertThat(chat.get("text").asText()).isEqualTo("hello dev");

        bob.command("whisper", "to", "alice", "text", "psst");
        JsonNode whisper = alice.next("whisper");
        assertThat(whisper.get("from").asText()).isEqualTo("bob");
        assertThat(whisper.get("text").asText()).isEqualTo("psst");
        assertThat(bob.next("whispered").get("to").asText()).isEqualTo("alice");
        bob.command("whisper", "to", "nobody", "text", "hello?");
        assertThat(bob.next("error").get("message").asText()).contains("no user named nobody");

        bob.command("users");
        List<String> users = new ArrayList<>();
        bob.next("users").get("users").forEach(user -> users.add(user.asText()));
        assertThat(users).containsExactly("alice", "bob");

        bob.command("leave", "room", "dev");
        assertThat(alice.next("left").get("name").asText()).isEqualTo("bob");
        assertThat(bob.next("left").get("room").asText()).isEqualTo("dev");
        alice.command("chat", "text", "bob is gone");
        alice.next("chat", m -> m.get("text").asText().equals("bob is gone"));
        alice.command("join", "room", "lobby");
        alice.command("chat", "text", "back in the lobby");
        // bob left dev, so the first chat he sees after leaving is the lobby one
        JsonNode next = bob.next("chat");
        assertThat(next.get("room").asText()).isEqualTo("lobby");
        assertThat(next.get("text").asText()).isEqualTo("back in the lobby");

        bob.send("not json");
        assertThat(bob.next("error").get("message").asText()).startsWith("not JSON");
        bob.command("dance");
        assertThat(bob.next("error").get("message").asText()).startsWith("unknown cmd");
    }

    @Test
    void ticksArriveEverySecondWithATimestamp() {
        WsServerSample server = server();
        JsonClient client = storm.closeAfter(new JsonClient(server.port()));
        Instant first = Instant.parse(client.next("tick").get("time").asText());
        Instant second = Instant.parse(client.next("tick").get("time").asText());
        assertThat(second).isAfter(first);
        assertThat(server.server().options().heartbeat().enabled()).isTrue();
    }

    @Test
    void connectionsAreLoggedAndAFloodIsCutOff() {
        WsServerSample server = server();
        JsonClient calm = client(server, "calm");
        JsonClient flooder = storm.closeAfter(new JsonClient(server.port()));
        for (int i = 0; i < WsServerSample.MAX_MESSAGES_PER_SECOND * 5; i++) {
            flooder.command("users");
        }
        Await.result(flooder.disconnected());
        Await.until("the disconnect is logged", () -> log().contains("(" + CloseReason.RATE_LIMITED + ")"));
        assertThat(log()).contains("+ session #" + calm.serverId() + " connected from",
                "! session #" + flooder.serverId() + " sends too fast",
                "- session #" + flooder.serverId() + " disconnected (RATE_LIMITED)");

        calm.command("users");
        assertThat(calm.next("users").get("users").toString()).contains("calm").doesNotContain("guest-");
    }

    @Test
    void adminConsoleListsKicksBroadcastsAndStops() {
        WsServerSample server = server();
        JsonClient alice = client(server, "alice");
        JsonClient bob = client(server, "bob");
        bob.command("join", "room", "ops");
        bob.next("joined", m -> m.get("room").asText().equals("ops"));

        assertThat(console(server, "/sessions")).contains("2 session(s)",
                "#" + alice.serverId() + " alice", "#" + bob.serverId() + " bob", "rooms=[lobby, ops]");
        assertThat(console(server, "/rooms")).contains("2 room(s)", "lobby (2)", "ops (1)");
        assertThat(console(server, "/info " + bob.serverId())).contains("#" + bob.serverId() + " bob",
                "state:    OPEN", "rooms:    [lobby, ops]", "current:  ops", "messages: ");
        assertThat(console(server, "/info 999")).contains("no session #999");
        assertThat(console(server, "/help")).contains("/sessions", "/kick");

        assertThat(console(server, "/broadcast maintenance at noon")).contains("broadcast to 2 of 2");
        for (JsonClient client : List.of(alice, bob)) {
            JsonNode broadcast = client.next("broadcast");
            assertThat(broadcast.get("from").asText()).isEqualTo("admin");
            assertThat(broadcast.get("text").asText()).isEqualTo("maintenance at noon");
        }

        assertThat(console(server, "/kick " + bob.serverId())).contains("kicked #" + bob.serverId() + " (bob)");
        Await.result(bob.disconnected());
        assertThat(WebSocketSession.of(bob.session()).peerCloseStatus().map(WebSocketCloseStatus::code))
                .contains(WebSocketCloseStatus.POLICY_VIOLATION);
        Await.until("bob is gone from /sessions", () -> !console(server, "/sessions").contains("bob"));
        assertThat(console(server, "/sessions")).contains("1 session(s)");

        ByteArrayOutputStream stopped = new ByteArrayOutputStream();
        assertThat(server.console().execute("/stop", new PrintStream(stopped, true, StandardCharsets.UTF_8))).isFalse();
        assertThat(stopped.toString(StandardCharsets.UTF_8)).contains("stopping");
        assertThat(server.stopped()).isDone();
        Await.result(alice.disconnected());
    }

    private static String console(WsServerSample server, String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(server.console().execute(line, new PrintStream(out, true, StandardCharsets.UTF_8))).isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }
}
