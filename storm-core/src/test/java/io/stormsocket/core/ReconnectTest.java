package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Auto-reconnect and the offline buffer against real servers on 127.0.0.1. A "restart" stops a
 * server and binds a new one to the same port, as a redeployed server would.
 */
class ReconnectTest {
    /** How long a negative check waits for something that must not happen (many backoff periods). */
    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    final StormExtension storm = new StormExtension();

    /** One {@code onReconnecting} call. */
    private record Reconnecting(int attempt, Duration delay) {
    }

    /** One {@code onReconnectFailed} call. */
    private record GaveUp(int attempts, ConnectFailedException error) {
    }

    private static ReconnectPolicy.Builder fast() {
        return ReconnectPolicy.builder()
                .initialDelay(Duration.ofMillis(20))
                .maxDelay(Duration.ofMillis(200))
                .multiplier(2.0)
                .jitter(0.2);
    }

    /** A newline-framed server on 127.0.0.1; port 0 picks a free one. Not started. */
    private StormServer linesServer(int port) {
        return storm.server(ServerConfig.builder().codec(FrameCodecs.lines()).endpoint(Endpoint.tcp("127.0.0.1", port)));
    }

    private StormClient client(int port, ReconnectPolicy policy, OfflineBuffer buffer) {
        return storm.client(ClientConfig.builder()
                .codec(FrameCodecs.lines())
                .endpoint("127.0.0.1", port)
                .reconnect(policy)
                .offlineBuffer(buffer));
    }

    /** A port nothing listens on any more: a server was bound to it and stopped. */
    private int stoppedServerPort() {
        StormServer server = storm.start(linesServer(0));
        int port = server.port();
        Await.result(server.stop());
        return port;
    }

    /**
     * Stops a server once it has opened every client's session. Stopping a server while it is still
     * accepting a connection can leave that connection open on the server side (a known server
     * issue, independent of reconnecting), so the client would never see it end.
     */
    private static void stopOnceConnected(StormServer server, int clients) {
        Await.until("the server opened " + clients + " session(s)", () -> server.sessionCount() == clients);
        Await.result(server.stop());
    }

    private static BlockingQueue<Reconnecting> recordReconnecting(StormClient client) {
        BlockingQueue<Reconnecting> events = new LinkedBlockingQueue<>();
        client.onReconnecting((attempt, delay) -> events.add(new Reconnecting(attempt, delay)));
        return events;
    }

    private static BlockingQueue<GaveUp> recordGaveUp(StormClient client) {
        BlockingQueue<GaveUp> events = new LinkedBlockingQueue<>();
        client.onReconnectFailed((attempts, error) -> events.add(new GaveUp(attempts, error)));
        return events;
    }

    private static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        T event = queue.poll(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("%s within %s", what, Await.TIMEOUT).isNotNull();
        return event;
    }

    /** Collects the text of every frame a server receives, across all its sessions. */
    private static List<String> recordText(StormServer server) {
        List<String> received = new CopyOnWriteArrayList<>();
        server.onDataReceived((session, data) -> received.add(data.text()));
        return received;
    }

    private static void assertWithinBackoffBounds(ReconnectPolicy policy, Reconnecting event) {
        Duration base = policy.baseDelay(event.attempt());
        Duration lowest = Duration.ofNanos((long) (base.toNanos() * (1 - policy.jitter())));
        Duration highest = Duration.ofNanos(Math.min(policy.maxDelay().toNanos(), (long) Math.ceil(base.toNanos() * (1 + policy.jitter()))));
        assertThat(event.delay()).as("delay of attempt %d", event.attempt()).isBetween(lowest, highest);
    }

    // ---------------------------------------------------------------- reconnecting

    @Test
    void reconnectsToARestartedServerWithGrowingBackoffAndVisibleStates() throws Exception {
        StormServer first = storm.start(linesServer(0));
        int port = first.port();
        ReconnectPolicy policy = fast().build();
        StormClient client = client(port, policy, OfflineBuffer.disabled());
        client.onReconnecting((attempt, delay) -> {
            throw new IllegalStateException("a broken onReconnecting handler must not stop reconnecting");
        });
        BlockingQueue<Reconnecting> reconnecting = recordReconnecting(client);
        EventRecorder events = EventRecorder.attach(client);
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);

        Session firstSession = Await.result(client.connect());
        assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(events.awaitConnected()).isSameAs(firstSession);

        stopOnceConnected(first, 1);
        assertThat(events.awaitDisconnected(CloseReason.REMOTE_CLOSE).session()).isSameAs(firstSession);
        assertThat(client.state()).isEqualTo(ClientState.RECONNECTING);
        assertThat(client.isConnected()).isFalse();
        assertThat(client.session()).isEmpty();
        assertThat(Await.failure(client.send("lost"))).as("no offline buffer: sends fail fast")
                .isInstanceOf(SessionClosedException.class).hasMessageContaining("RECONNECTING");

        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt <= 3; attempt++) {
            Reconnecting event = next(reconnecting, "onReconnecting #" + attempt);
            assertThat(event.attempt()).isEqualTo(attempt);
            assertWithinBackoffBounds(policy, event);
            assertThat(event.delay()).isGreaterThan(previous);
            previous = event.delay();
        }

        StormServer second = linesServer(port);
        List<String> received = recordText(second);
        storm.start(second);
        Session secondSession = events.awaitConnected();
        assertThat(secondSession.id()).isGreaterThan(firstSession.id());
        assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(client.isConnected()).isTrue();
        assertThat(client.session()).containsSame(secondSession);
        assertThat(Await.result(client.connect())).isSameAs(secondSession);
        Await.result(client.send("back"));
        Await.until("the restarted server got the message", () -> received.equals(List.of("back")));

        // A successful reconnect starts the count over.
        reconnecting.clear();
        stopOnceConnected(second, 1);
        events.awaitDisconnected(CloseReason.REMOTE_CLOSE);
        Reconnecting again = next(reconnecting, "onReconnecting after the second loss");
        assertThat(again.attempt()).isEqualTo(1);
        assertWithinBackoffBounds(policy, again);

        Await.result(client.disconnect());
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
        client.close();
        assertThat(client.state()).isEqualTo(ClientState.CLOSED);
        assertThat(Await.failure(client.connect())).isInstanceOf(IllegalStateException.class);
        events.assertNoMoreEvents();
    }

    @Test
    void stateIsConnectingWhileTheFirstConnectIsUnderWayAndSendsMadeThenAreHeld() throws Exception {
        StormServer server = linesServer(0);
        List<String> received = recordText(server);
        storm.start(server);
        StormResources shared = storm.closeAfter(StormResources.create(1));
        StormClient client = storm.client(ClientConfig.builder()
                .codec(FrameCodecs.lines())
                .endpoint("127.0.0.1", server.port())
                .resources(shared)
                .offlineBuffer(OfflineBuffer.builder().build()));

        // Hold the client's only event loop so the connect cannot finish while we look.
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        shared.eventLoopGroup().execute(() -> {
            blocked.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        StormFuture<Session> connecting = client.connect();
        assertThat(client.state()).isEqualTo(ClientState.CONNECTING);
        assertThat(client.connect()).as("a second connect joins the first").isSameAs(connecting);
        StormFuture<SendResult> early = client.send("early");
        release.countDown();

        Await.result(connecting);
        assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(Await.result(early)).isEqualTo(SendResult.WRITTEN);
        Await.result(client.send("later"));
        Await.until("the server got both sends in order", () -> received.size() == 2);
        assertThat(received).containsExactly("early", "later");
    }

    @Test
    void aSessionClosedByTheApplicationIsReconnectedToo() {
        StormServer server = storm.start(linesServer(0));
        StormClient client = client(server.port(), fast().build(), OfflineBuffer.disabled());
        EventRecorder events = EventRecorder.attach(client);
        Session first = Await.result(client.connect());
        events.awaitConnected();

        Await.result(first.close());
        events.awaitDisconnected(CloseReason.LOCAL_CLOSE);
        Session second = events.awaitConnected();
        assertThat(second).isNotSameAs(first);
        assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
    }

    @Test
    void givesUpAfterMaxAttemptsEndsDisconnectedAndReportsTheError() throws Exception {
        StormServer first = storm.start(linesServer(0));
        int port = first.port();
        StormClient client = client(port, fast().maxAttempts(3).build(), OfflineBuffer.disabled());
        BlockingQueue<Reconnecting> reconnecting = recordReconnecting(client);
        BlockingQueue<GaveUp> gaveUp = recordGaveUp(client);
        client.onReconnectFailed((attempts, error) -> {
            throw new IllegalStateException("a broken onReconnectFailed handler is only logged");
        });
        EventRecorder events = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();

        stopOnceConnected(first, 1);
        events.awaitDisconnected(CloseReason.REMOTE_CLOSE);
        GaveUp end = next(gaveUp, "onReconnectFailed");

        assertThat(end.attempts()).isEqualTo(3);
        assertThat(end.error()).hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("after 3 attempts");
        assertThat(end.error().getCause()).as("the last attempt's transport failure").isNotNull();
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
        List<Reconnecting> attempts = new ArrayList<>();
        reconnecting.drainTo(attempts);
        assertThat(attempts).extracting(Reconnecting::attempt).containsExactly(1, 2, 3);
        assertThat(Await.failure(client.send("nobody"))).isInstanceOf(SessionClosedException.class);
        events.assertNoMoreEvents();

        // The client may start over once the server is back.
        storm.start(linesServer(port));
        Await.result(client.connect());
        assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(gaveUp).isEmpty();
    }

    @Test
    void aFailedFirstConnectFailsFastByDefaultEvenWithReconnectOn() {
        int port = stoppedServerPort();
        StormClient client = client(port, fast().build(), OfflineBuffer.builder().build());
        BlockingQueue<Reconnecting> reconnecting = recordReconnecting(client);

        assertThat(Await.failure(client.connect())).isInstanceOf(ConnectFailedException.class)
                .hasMessageContaining("127.0.0.1:" + port);
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
        assertThat(reconnecting).isEmpty();
        assertThat(Await.failure(client.send("held?"))).as("nothing is on its way, so nothing is held")
                .isInstanceOf(SessionClosedException.class);
    }

    @Test
    void retryInitialConnectKeepsTheConnectFutureWaitingUntilTheServerIsUp() throws Exception {
        int port = stoppedServerPort();
        StormClient client = client(port, fast().retryInitialConnect(true).build(), OfflineBuffer.disabled());
        BlockingQueue<Reconnecting> reconnecting = recordReconnecting(client);

        StormFuture<Session> connecting = client.connect();
        assertThat(next(reconnecting, "onReconnecting").attempt()).isEqualTo(1);
        assertThat(client.state()).isEqualTo(ClientState.RECONNECTING);
        assertThat(connecting).isNotDone();

        storm.start(linesServer(port));
        Session session = Await.result(connecting);
        assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(client.session()).containsSame(session);
    }

    @Test
    void retryInitialConnectFailsTheConnectFutureWhenAttemptsRunOut() throws Exception {
        int port = stoppedServerPort();
        StormClient client = client(port, fast().retryInitialConnect(true).maxAttempts(2).build(), OfflineBuffer.disabled());
        BlockingQueue<GaveUp> gaveUp = recordGaveUp(client);

        Throwable failure = Await.failure(client.connect());
        assertThat(failure).isInstanceOf(ConnectFailedException.class).hasMessageContaining("after 2 attempts");
        assertThat(next(gaveUp, "onReconnectFailed").error()).isSameAs(failure);
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
    }

    @Test
    void disconnectWhileReconnectingStopsFurtherAttempts() throws Exception {
        StormServer first = storm.start(linesServer(0));
        int port = first.port();
        // A steady 50 ms between attempts: QUIET would see several more if they went on.
        ReconnectPolicy steady = ReconnectPolicy.builder()
                .initialDelay(Duration.ofMillis(50))
                .maxDelay(Duration.ofMillis(50))
                .multiplier(1.0)
                .jitter(0)
                .build();
        StormClient client = client(port, steady, OfflineBuffer.disabled());
        BlockingQueue<Reconnecting> reconnecting = recordReconnecting(client);
        EventRecorder events = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();

        stopOnceConnected(first, 1);
        events.awaitDisconnected(CloseReason.REMOTE_CLOSE);
        next(reconnecting, "onReconnecting");
        Await.result(client.disconnect());
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
        reconnecting.clear();

        StormServer second = linesServer(port);
        EventRecorder serverEvents = EventRecorder.attach(second);
        storm.start(second);
        assertThat(reconnecting.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("onReconnecting after disconnect()").isNull();
        assertThat(second.sessionCount()).isZero();
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
        events.assertNoMoreEvents();

        // disconnect() is not close(): the client connects again on request.
        Await.result(client.connect());
        serverEvents.awaitConnected();
    }

    @Test
    void disconnectFromAnOnReconnectingHandlerStopsAtThatAttempt() throws Exception {
        int port = stoppedServerPort();
        StormClient client = client(port, fast().retryInitialConnect(true).build(), OfflineBuffer.disabled());
        BlockingQueue<StormFuture<Void>> disconnects = new LinkedBlockingQueue<>();
        client.onReconnecting((attempt, delay) -> {
            if (attempt == 2) {
                disconnects.add(client.disconnect());
            }
        });
        BlockingQueue<Reconnecting> reconnecting = recordReconnecting(client);
        StormFuture<Session> connecting = client.connect();

        Await.result(next(disconnects, "disconnect() from the handler"));
        assertThat(Await.failure(connecting)).isInstanceOf(ConnectFailedException.class);
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
        // The recorder subscribed after the disconnecting handler, so it still saw attempt 2.
        List<Reconnecting> seen = new ArrayList<>();
        reconnecting.drainTo(seen);
        assertThat(seen).extracting(Reconnecting::attempt).containsExactly(1, 2);
        assertThat(reconnecting.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("no attempt 3").isNull();
    }

    @Test
    void disconnectAbandonsAConnectStillRetrying() throws Exception {
        int port = stoppedServerPort();
        StormClient client = client(port, fast().retryInitialConnect(true).build(), OfflineBuffer.disabled());
        BlockingQueue<Reconnecting> reconnecting = recordReconnecting(client);
        StormFuture<Session> connecting = client.connect();
        next(reconnecting, "onReconnecting");

        Await.result(client.disconnect());

        assertThat(Await.failure(connecting)).isInstanceOf(ConnectFailedException.class).hasMessageContaining("abandoned");
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
    }

    // ---------------------------------------------------------------- offline buffer

    @Test
    void offlineBufferDeliversHeldSendsOnceAndInOrderBeforeSendsMadeAfterTheRestart() throws Exception {
        StormServer first = storm.start(linesServer(0));
        int port = first.port();
        StormClient client = client(port, fast().build(), OfflineBuffer.builder().maxMessages(2000).build());
        EventRecorder events = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();
        stopOnceConnected(first, 1);
        events.awaitDisconnected(CloseReason.REMOTE_CLOSE);
        assertThat(client.state()).isEqualTo(ClientState.RECONNECTING);

        List<String> expected = new ArrayList<>();
        List<StormFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add("held-" + i);
            sends.add(client.send("held-" + i));
        }
        assertThat(sends).noneMatch(CompletableFuture::isDone);

        StormServer second = linesServer(port);
        List<String> received = recordText(second);
        storm.start(second);
        // Send again the moment the client is connected, while it is still writing out the held
        // sends: a busy spin (not a sleep), so these race the drain as closely as a user could.
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (client.state() != ClientState.CONNECTED) {
            assertThat(System.nanoTime()).as("client reconnected in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
        for (int i = 0; i < 1000; i++) {
            expected.add("live-" + i);
            sends.add(client.send("live-" + i));
        }

        Await.until("the server got all 1200 messages", () -> received.size() >= expected.size());
        assertThat(received).containsExactlyElementsOf(expected);
        for (StormFuture<SendResult> send : sends) {
            assertThat(Await.result(send)).isEqualTo(SendResult.WRITTEN);
        }
    }

    @Test
    void sendsThatOverflowTheOfflineBufferFailWithOfflineBufferFullException() {
        StormServer first = storm.start(linesServer(0));
        int port = first.port();
        StormClient client = client(port, fast().build(), OfflineBuffer.builder().maxMessages(3).maxBytes(16).build());
        EventRecorder events = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();
        stopOnceConnected(first, 1);
        events.awaitDisconnected(CloseReason.REMOTE_CLOSE);

        StormFuture<SendResult> one = client.send("one");
        StormFuture<SendResult> two = client.send("two".getBytes(StandardCharsets.UTF_8));
        StormFuture<SendResult> tooBig = client.send("x".repeat(11));
        ByteBuf tooBigBuffer = Unpooled.directBuffer().writeBytes(new byte[11]);
        StormFuture<SendResult> tooBigBuf = client.send(tooBigBuffer);
        StormFuture<SendResult> three = client.send(Unpooled.copiedBuffer("three", StandardCharsets.UTF_8));
        StormFuture<SendResult> tooMany = client.send("four");

        assertThat(Await.failure(tooBig)).isInstanceOf(OfflineBufferFullException.class)
                .hasMessageContaining("6 of 16 bytes").hasMessageContaining("11 bytes does not fit");
        assertThat(Await.failure(tooBigBuf)).isInstanceOf(OfflineBufferFullException.class);
        assertThat(tooBigBuffer.refCnt()).as("a refused buffer is released").isZero();
        assertThat(Await.failure(tooMany)).isInstanceOf(OfflineBufferFullException.class)
                .hasMessageContaining("3 of 3 messages");

        StormServer second = linesServer(port);
        List<String> received = recordText(second);
        storm.start(second);
        assertThat(Await.result(one)).isEqualTo(SendResult.WRITTEN);
        assertThat(Await.result(two)).isEqualTo(SendResult.WRITTEN);
        assertThat(Await.result(three)).isEqualTo(SendResult.WRITTEN);
        Await.result(client.send("after"));
        Await.until("the server got the held sends and the next one", () -> received.size() >= 4);
        assertThat(received).containsExactly("one", "two", "three", "after");
    }

    @Test
    void givingUpFailsHeldSendsWithSessionClosedExceptionAndReleasesTheirBuffers() throws Exception {
        StormServer server = storm.start(linesServer(0));
        StormClient client = client(server.port(), fast().maxAttempts(2).build(), OfflineBuffer.builder().build());
        BlockingQueue<GaveUp> gaveUp = recordGaveUp(client);
        // Keep the first attempt from starting until the sends below are held: deterministic, no race.
        CountDownLatch sendsHeld = new CountDownLatch(1);
        client.onReconnecting((attempt, delay) -> sendsHeld.await(10, TimeUnit.SECONDS));
        EventRecorder events = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();
        stopOnceConnected(server, 1);
        events.awaitDisconnected(CloseReason.REMOTE_CLOSE);

        ByteBuf buffer = Unpooled.directBuffer().writeBytes("direct".getBytes(StandardCharsets.UTF_8));
        List<StormFuture<SendResult>> held = List.of(
                client.send("text"),
                client.send(buffer),
                client.send(new byte[] {'b', 'y', 't', 'e', 's'}),
                client.sendFrame(Unpooled.copiedBuffer("frame", StandardCharsets.UTF_8)));
        sendsHeld.countDown();

        GaveUp end = next(gaveUp, "onReconnectFailed");
        for (StormFuture<SendResult> send : held) {
            Throwable failure = Await.failure(send);
            assertThat(failure).isInstanceOf(SessionClosedException.class).hasMessageContaining("gave up reconnecting");
            assertThat(failure.getCause()).isSameAs(end.error());
        }
        assertThat(buffer.refCnt()).as("a held buffer is released when its send fails").isZero();
        assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
    }

    @Test
    void disconnectAndCloseFailHeldSendsWithSessionClosedException() {
        StormServer server = storm.start(linesServer(0));
        StormClient client = client(server.port(), fast().build(), OfflineBuffer.builder().build());
        StormClient closing = client(server.port(), fast().build(), OfflineBuffer.builder().build());
        EventRecorder events = EventRecorder.attach(client);
        EventRecorder closingEvents = EventRecorder.attach(closing);
        Await.result(client.connect());
        Await.result(closing.connect());
        events.awaitConnected();
        closingEvents.awaitConnected();
        stopOnceConnected(server, 2);
        events.awaitDisconnected(CloseReason.REMOTE_CLOSE);
        closingEvents.awaitDisconnected(CloseReason.REMOTE_CLOSE);

        ByteBuf buffer = Unpooled.directBuffer().writeBytes(new byte[] {1, 2, 3});
        StormFuture<SendResult> text = client.send("text");
        StormFuture<SendResult> bytes = client.send(buffer);
        Await.result(client.disconnect());
        assertThat(Await.failure(text)).isInstanceOf(SessionClosedException.class).hasMessageContaining("disconnected");
        assertThat(Await.failure(bytes)).isInstanceOf(SessionClosedException.class);
        assertThat(buffer.refCnt()).isZero();
        assertThat(Await.failure(client.send("after disconnect"))).as("DISCONNECTED: nothing is on its way")
                .isInstanceOf(SessionClosedException.class).hasMessageContaining("DISCONNECTED");

        StormFuture<SendResult> beforeClose = closing.send("before close");
        closing.close();
        assertThat(Await.failure(beforeClose)).isInstanceOf(SessionClosedException.class).hasMessageContaining("closed");
        assertThat(closing.state()).isEqualTo(ClientState.CLOSED);
    }
}
