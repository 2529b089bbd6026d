package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.Sockets;
import io.stormsocket.testing.StormExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdmissionTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    /** Connects from a chosen loopback address (Linux routes all of 127.0.0.0/8 to lo). */
    private Socket connectFrom(String localAddress, StormServer server) throws Exception {
        Socket socket = storm.closeAfter(new Socket());
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        return socket;
    }

    @Test
    void connectionsBeyondTheTotalLimitAreClosedAtAcceptAndCounted() throws Exception {
        StormServer server = storm.server(ServerConfig.builder().maxConnections(2));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        connectFrom("127.0.0.1", server);
        connectFrom("127.0.0.1", server);
        events.awaitConnected();
        events.awaitConnected();
        Socket third = connectFrom("127.0.0.1", server);
        Sockets.assertClosedByPeer(third);
        Await.until("the refusal is counted", () -> server.stats().rejected() == 1);
        assertThat(server.stats().accepted()).isEqualTo(2);
        assertThat(server.stats().active()).isEqualTo(2);
        events.assertNoMoreEvents();
    }

    @Test
    void perAddressLimitLeavesOtherAddressesAlone() throws Exception {
        StormServer server = storm.server(ServerConfig.builder().maxConnectionsPerAddress(1));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        connectFrom("127.0.0.1", server);
        events.awaitConnected();
        Sockets.assertClosedByPeer(connectFrom("127.0.0.1", server));
        connectFrom("127.0.0.2", server);
        assertThat(((InetSocketAddress) events.awaitConnected().remoteAddress()).getAddress().getHostAddress())
                .isEqualTo("127.0.0.2");
        assertThat(server.stats().rejected()).isEqualTo(1);
    }

    @Test
    void slotsAreReleasedWhenConnectionsClose() throws Exception {
        StormServer server = storm.server(ServerConfig.builder().maxConnections(1));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        Socket first = connectFrom("127.0.0.1", server);
        events.awaitConnected();
        first.close();
        events.awaitDisconnected(CloseReason.REMOTE_CLOSE);
        Await.until("slot released", () -> server.stats().active() == 0);
        connectFrom("127.0.0.1", server);
        events.awaitConnected();
    }

    @Test
    void synchronousFilterDecidesOnTheRemoteAddress() throws Exception {
        StormServer server = storm.server(ServerConfig.builder().connectionFilter(remote ->
                !((InetSocketAddress) remote).getAddress().getHostAddress().equals("127.0.0.3")));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        Sockets.assertClosedByPeer(connectFrom("127.0.0.3", server));
        connectFrom("127.0.0.1", server);
        events.awaitConnected();
        assertThat(server.stats().rejected()).isEqualTo(1);
        events.assertNoMoreEvents();
    }

    @Test
    void asyncFilterHoldsItsConnectionWithoutStallingOthers() throws Exception {
        CompletableFuture<Boolean> slowDecision = new CompletableFuture<>();
        CompletableFuture<Boolean> refusal = new CompletableFuture<>();
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines())
                .asyncConnectionFilter(remote -> switch (((InetSocketAddress) remote).getAddress().getHostAddress()) {
                    case "127.0.0.2" -> slowDecision;
                    case "127.0.0.3" -> refusal;
                    default -> CompletableFuture.completedFuture(true);
                }));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);

        Socket waiting = connectFrom("127.0.0.2", server);
        waiting.getOutputStream().write("sent while undecided\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        connectFrom("127.0.0.1", server);
        Session other = events.awaitConnected();
        assertThat(((InetSocketAddress) other.remoteAddress()).getAddress().getHostAddress()).isEqualTo("127.0.0.1");

        slowDecision.complete(true);
        Session admitted = events.awaitConnected();
        assertThat(((InetSocketAddress) admitted.remoteAddress()).getAddress().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(events.awaitData().text()).isEqualTo("sent while undecided");

        Socket refused = connectFrom("127.0.0.3", server);
        refusal.complete(false);
        Sockets.assertClosedByPeer(refused);
        assertThat(server.stats().rejected()).isEqualTo(1);
        assertThat(server.stats().accepted()).isEqualTo(2);
    }

    @Test
    void statsAddUpTrafficOfOpenAndClosedSessions() {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()));
        server.onDataReceived((s, d) -> s.send(d));
        storm.start(server);
        for (int i = 0; i < 2; i++) {
            StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
            EventRecorder events = EventRecorder.attach(client);
            Await.result(client.connect());
            events.awaitConnected();
            client.send("1234");
            events.awaitData();
            if (i == 0) {
                Await.result(client.disconnect());
            }
        }
        Await.until("one session left", () -> server.stats().active() == 1);
        // A reply is counted when its write completes, which can be just after the client read it.
        ServerStats stats = Await.value("both replies counted", server::stats, st -> st.framesOut() == 2);
        assertThat(stats.accepted()).isEqualTo(2);
        assertThat(stats.framesIn()).isEqualTo(2);
        assertThat(stats.framesOut()).isEqualTo(2);
        assertThat(stats.bytesIn()).isEqualTo(10);
        assertThat(stats.bytesOut()).isEqualTo(10);
    }
}
