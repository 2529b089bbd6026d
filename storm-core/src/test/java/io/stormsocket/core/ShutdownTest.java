package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.Sockets;
import io.stormsocket.testing.StormExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShutdownTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    @Test
    void dataQueuedBeforeStopIsDeliveredWithinTheGracePeriod() {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lengthPrefix()));
        EventRecorder serverEvents = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lengthPrefix()), server);
        AtomicInteger frames = new AtomicInteger();
        client.onDataReceived((s, d) -> frames.incrementAndGet());
        EventRecorder clientEvents = EventRecorder.attach(client);
        Await.result(client.connect());
        Session session = serverEvents.awaitConnected();

        int count = 2000;
        byte[] payload = new byte[1024];
        for (int i = 0; i < count; i++) {
            session.queue(payload);
        }
        session.flush();
        StormFuture<Void> stopped = server.stop(Duration.ofSeconds(10));

        serverEvents.awaitDisconnected(CloseReason.SHUTDOWN);
        Await.result(stopped);
        // Every queued frame arrives before the client sees the connection close.
        EventRecorder.Event event;
        do {
            event = clientEvents.next();
        } while (event instanceof EventRecorder.Data || event instanceof EventRecorder.Connected);
        assertThat(event).isInstanceOfSatisfying(EventRecorder.Disconnected.class,
                d -> assertThat(d.reason()).isEqualTo(CloseReason.REMOTE_CLOSE));
        assertThat(frames).hasValue(count);
    }

    @Test
    void sessionsThatCannotFlushAreAbortedWhenTheGraceRunsOut() throws Exception {
        StormServer server = storm.server(ServerConfig.builder()
                .socketOptions(SocketOptions.builder().sendBufferSize(16 * 1024).build()));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        Socket stubborn = storm.closeAfter(new Socket());
        stubborn.setReceiveBufferSize(16 * 1024);
        stubborn.connect(new InetSocketAddress("127.0.0.1", server.port()));
        Session session = events.awaitConnected();
        for (int i = 0; i < 256; i++) {
            session.queue(new byte[8 * 1024]);
        }
        session.flush();
        Await.until("the peer's buffers are full", session::isBackpressured);

        // Without the abort after the grace period this would wait for the peer forever.
        Await.result(server.stop(Duration.ofMillis(300)));
        events.awaitDisconnected(CloseReason.SHUTDOWN);
        assertThat(session.state()).isEqualTo(SessionState.CLOSED);
    }

    @Test
    void connectionsAcceptedWhileStoppingAreClosedToo() throws Exception {
        // Connects race the stop: some are open, some are being accepted or set up as it begins,
        // some come after the listener closed. Every one that got through must be closed.
        for (int round = 0; round < 5; round++) {
            StormServer server = storm.start(storm.server(ServerConfig.builder()));
            List<Socket> connected = new ArrayList<>();
            StormFuture<Void> stopped = null;
            for (int i = 0; i < 400; i++) {
                if (i == 100) {
                    stopped = server.stop(Duration.ofSeconds(1));
                }
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 1000);
                    connected.add(storm.closeAfter(socket));
                } catch (IOException refused) {
                    socket.close();
                    break;
                }
            }
            Await.result(stopped);
            int attempt = round;
            Await.until("round " + attempt + ": all " + connected.size() + " connections closed by the server",
                    () -> connected.stream().allMatch(Sockets::isClosedByPeer));
        }
    }
}
