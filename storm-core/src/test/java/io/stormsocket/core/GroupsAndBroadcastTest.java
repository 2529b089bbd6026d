package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GroupsAndBroadcastTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    private StormServer server;
    private EventRecorder serverEvents;

    private void startServer() {
        server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()));
        serverEvents = EventRecorder.attach(server);
        storm.start(server);
    }

    /** Connects a client whose received lines go to the returned queue; returns the server-side session. */
    private Session connect(LinkedBlockingQueue<String> inbox) {
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        client.onDataReceived((s, d) -> inbox.add(d.text()));
        Await.result(client.connect());
        return serverEvents.awaitConnected();
    }

    private static String take(LinkedBlockingQueue<String> inbox) throws InterruptedException {
        String line = inbox.poll(10, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("nothing received within 10 s");
        }
        return line;
    }

    @Test
    void registryFindsCountsBroadcastsAndClosesSessions() throws Exception {
        startServer();
        LinkedBlockingQueue<String> a = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> b = new LinkedBlockingQueue<>();
        Session first = connect(a);
        Session second = connect(b);

        SessionRegistry sessions = server.sessions();
        assertThat(sessions.count()).isEqualTo(2);
        assertThat(sessions.all()).containsExactlyInAnyOrder(first, second);
        assertThat(sessions.find(first.id())).contains(first);
        assertThat(sessions.find(999_999)).isEmpty();

        assertThat(Await.result(sessions.broadcast("to all"))).isEqualTo(new BroadcastResult(2, 0, 0, 0));
        assertThat(take(a)).isEqualTo("to all");
        assertThat(take(b)).isEqualTo("to all");

        BroadcastResult excluding = Await.result(sessions.broadcast("not to first", first.id()));
        assertThat(excluding.delivered()).isEqualTo(1);
        assertThat(take(b)).isEqualTo("not to first");
        Await.result(sessions.broadcast("bytes".getBytes(StandardCharsets.UTF_8)));
        Await.result(sessions.broadcast(Unpooled.copiedBuffer("buffer", StandardCharsets.UTF_8)));
        assertThat(take(a)).isEqualTo("bytes");
        assertThat(take(a)).isEqualTo("buffer");

        Await.result(sessions.closeAll());
        Await.until("registry empty", () -> sessions.count() == 0);
        assertThat(serverEvents.awaitDisconnected(CloseReason.LOCAL_CLOSE).session()).isIn(first, second);
    }

    @Test
    void groupsTrackMembershipAndForgetClosedSessions() {
        startServer();
        Session alice = connect(new LinkedBlockingQueue<>());
        Session bob = connect(new LinkedBlockingQueue<>());
        SessionGroups groups = server.groups();

        assertThat(groups.join("lobby", alice)).isTrue();
        assertThat(groups.join("lobby", alice)).isFalse();
        assertThat(bob.join("lobby")).isTrue();
        assertThat(bob.join("games")).isTrue();
        assertThat(groups.names()).containsExactlyInAnyOrder("lobby", "games");
        assertThat(groups.members("lobby")).containsExactlyInAnyOrder(alice, bob);
        assertThat(groups.memberCount("lobby")).isEqualTo(2);
        assertThat(bob.groups()).containsExactlyInAnyOrder("lobby", "games");

        assertThat(bob.leave("games")).isTrue();
        assertThat(groups.names()).containsExactly("lobby");
        assertThat(groups.memberCount("games")).isZero();
        assertThat(groups.members("games")).isEmpty();

        bob.join("games");
        Await.result(bob.close());
        Await.until("bob left every group", () -> groups.memberCount("lobby") == 1);
        assertThat(groups.names()).containsExactly("lobby");
        assertThat(bob.groups()).isEmpty();
        assertThat(groups.join("lobby", bob)).isFalse();

        groups.leaveAll(alice);
        assertThat(groups.names()).isEmpty();
        assertThat(alice.groups()).isEmpty();
    }

    @Test
    void groupBroadcastReachesMembersOnlyAndCanExcludeTheSender() throws Exception {
        startServer();
        LinkedBlockingQueue<String> aliceInbox = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> bobInbox = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> carolInbox = new LinkedBlockingQueue<>();
        Session alice = connect(aliceInbox);
        Session bob = connect(bobInbox);
        connect(carolInbox);
        alice.join("room");
        bob.join("room");

        BroadcastResult result = Await.result(server.groups().group("room").broadcast("alice: hi", alice.id()));
        assertThat(result).isEqualTo(new BroadcastResult(1, 0, 0, 0));
        assertThat(take(bobInbox)).isEqualTo("alice: hi");
        Await.result(server.groups().group("room").broadcast("everyone in room"));
        assertThat(take(aliceInbox)).isEqualTo("everyone in room");
        assertThat(take(bobInbox)).isEqualTo("everyone in room");
        assertThat(carolInbox).isEmpty();
        assertThat(Await.result(server.groups().group("nobody-here").broadcast("void")).total()).isZero();
    }

    @Test
    void clientSessionsBelongToNoGroup() {
        startServer();
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        Session session = Await.result(client.connect());
        assertThat(session.join("anything")).isFalse();
        assertThat(session.groups()).isEmpty();
    }

    @Test
    void sessionsOfAnotherServerCannotJoin() {
        startServer();
        Session mine = connect(new LinkedBlockingQueue<>());
        StormServer other = storm.start(storm.server(ServerConfig.builder()));
        assertThatThrownBy(() -> other.groups().join("x", mine)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void broadcastToAThousandSessionsInAGroupReachesEveryoneInOrder() throws Exception {
        StormServer bigServer = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()).backlog(2048));
        AtomicInteger joined = new AtomicInteger();
        bigServer.onConnected(session -> {
            session.join("everyone");
            joined.incrementAndGet();
        });
        storm.start(bigServer);

        int clients = 1000;
        int messages = 20;
        StormResources shared = storm.closeAfter(StormResources.create(2));
        ConcurrentHashMap<Integer, List<String>> received = new ConcurrentHashMap<>();
        AtomicInteger complete = new AtomicInteger();
        List<StormClient> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int clientId = i;
            StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines())
                    .endpoint("127.0.0.1", bigServer.port()).resources(shared));
            List<String> inbox = java.util.Collections.synchronizedList(new ArrayList<>());
            received.put(clientId, inbox);
            client.onDataReceived((s, d) -> {
                inbox.add(d.text());
                if (inbox.size() == messages) {
                    complete.incrementAndGet();
                }
            });
            all.add(client);
        }
        List<StormFuture<Session>> connects = new ArrayList<>();
        all.forEach(c -> connects.add(c.connect()));
        connects.forEach(Await::result);
        Await.until("all sessions joined", () -> joined.get() == clients);

        Broadcaster everyone = bigServer.groups().group("everyone");
        List<StormFuture<BroadcastResult>> results = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            results.add(everyone.broadcast("message " + m));
        }
        for (StormFuture<BroadcastResult> result : results) {
            assertThat(Await.result(result)).isEqualTo(new BroadcastResult(clients, 0, 0, 0));
        }
        Await.until("every client got every message", () -> complete.get() == clients,
                java.time.Duration.ofSeconds(30));
        List<String> expected = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            expected.add("message " + m);
        }
        received.values().forEach(inbox -> assertThat(inbox).isEqualTo(expected));

        all.forEach(StormClient::close);
        Await.until("group empties as clients leave", () -> bigServer.groups().memberCount("everyone") == 0);
        assertThat(bigServer.groups().names()).isEmpty();
        Await.until("registry empties", () -> bigServer.sessions().count() == 0);
    }
}
