package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReceiveModesTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    private StormServer server;
    private StormClient client;
    private EventRecorder serverEvents;

    /**
     * A lines server and a connected client with small socket buffers, so flow control shows
     * quickly; returns the server-side session.
     */
    private Session connect() {
        server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines())
                .socketOptions(SocketOptions.builder().receiveBufferSize(16 * 1024).build()));
        serverEvents = EventRecorder.attach(server);
        storm.start(server);
        client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines())
                .socketOptions(SocketOptions.builder().sendBufferSize(16 * 1024).build()), server);
        Await.result(client.connect());
        return serverEvents.awaitConnected();
    }

    @Test
    void receiveInActiveModeGetsTheNextFrameAlongsidePushHandlers() {
        Session session = connect();
        StormFuture<Payload> next = session.receive();
        awaitLoop(session); // the claim is registered before the frame can arrive
        client.send("pulled and pushed");
        try (Payload payload = Await.result(next)) {
            assertThat(payload.text()).isEqualTo("pulled and pushed");
        }
        assertThat(serverEvents.awaitData().text()).isEqualTo("pulled and pushed");
    }

    @Test
    void passiveModeReadsOnlyOnDemandAndSkipsPushHandlers() {
        Session session = connect();
        session.passive(true);
        Await.until("passive mode applied", session::isPassive);
        for (int i = 0; i < 5; i++) {
            client.send("frame " + i);
        }
        for (int i = 0; i < 5; i++) {
            try (Payload payload = Await.result(session.receive())) {
                assertThat(payload.text()).isEqualTo("frame " + i);
            }
        }
        assertThat(serverEvents.drain()).isEmpty();
        session.passive(false);
        client.send("pushed again");
        assertThat(serverEvents.awaitData().text()).isEqualTo("pushed again");
    }

    @Test
    void pendingReceiveFailsWhenTheSessionCloses() {
        Session session = connect();
        session.passive(true);
        StormFuture<Payload> next = session.receive();
        Await.result(client.disconnect());
        assertThat(Await.failure(next)).isInstanceOf(SessionClosedException.class);
        assertThat(Await.failure(session.receive())).isInstanceOf(SessionClosedException.class);
    }

    @Test
    void framesPublisherDeliversInOrderUnderDemandAndCompletesOnClose() throws Exception {
        Session session = connect();
        RecordingSubscriber subscriber = new RecordingSubscriber();
        session.frames().subscribe(subscriber);
        Flow.Subscription subscription = subscriber.subscription.get(10, TimeUnit.SECONDS);
        Await.until("subscribing switched to passive", session::isPassive);

        for (int i = 0; i < 20; i++) {
            client.send("item " + i);
        }
        subscription.request(3);
        for (int i = 0; i < 3; i++) {
            assertThat(subscriber.take()).isEqualTo("item " + i);
        }
        // Without demand nothing more is delivered.
        Await.result(session.channel().eventLoop().submit(() -> null));
        assertThat(subscriber.items).isEmpty();
        subscription.request(Long.MAX_VALUE);
        for (int i = 3; i < 20; i++) {
            assertThat(subscriber.take()).isEqualTo("item " + i);
        }
        Await.result(client.disconnect());
        assertThat(subscriber.completed.await(10, TimeUnit.SECONDS)).isTrue();
        serverEvents.awaitDisconnected(CloseReason.REMOTE_CLOSE);
        serverEvents.assertNoMoreEvents();
    }

    @Test
    void slowSubscriberSlowsThePeerThroughTcpFlowControl() throws Exception {
        Session session = connect();
        RecordingSubscriber subscriber = new RecordingSubscriber();
        session.frames().subscribe(subscriber);
        Flow.Subscription subscription = subscriber.subscription.get(10, TimeUnit.SECONDS);
        Await.until("subscribing switched to passive", session::isPassive);

        int frames = 2_000;
        String line = "x".repeat(1000);
        Session clientSession = client.session().orElseThrow();
        List<StormFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            sends.add(clientSession.queue(line));
        }
        clientSession.flush();
        // 2 MB cannot fit in 16 KiB socket buffers: without demand the sender's writes stay pending.
        Await.until("sender is blocked by the unread peer", () -> !clientSession.channel().isWritable());
        assertThat(sends.get(sends.size() - 1)).isNotDone();
        long bytesRead = session.metrics().bytesIn();
        assertThat(bytesRead).isLessThan(frames * 1001L);

        subscription.request(Long.MAX_VALUE);
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        Await.until("every frame delivered", () -> subscriber.count == frames);
    }

    @Test
    void secondSubscriberIsRefused() throws Exception {
        Session session = connect();
        RecordingSubscriber first = new RecordingSubscriber();
        RecordingSubscriber second = new RecordingSubscriber();
        session.frames().subscribe(first);
        session.frames().subscribe(second);
        assertThat(second.error.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
        first.subscription.get(10, TimeUnit.SECONDS).cancel();
        Await.until("cancel restored active mode", () -> !session.isPassive());
        client.send("active again");
        assertThat(serverEvents.awaitData().text()).isEqualTo("active again");
    }

    @Test
    void timedOutReceiveLeavesTheNextFrameForTheNextPuller() {
        Session session = connect();
        session.passive(true);
        assertThat(Await.failure(session.receive(java.time.Duration.ofMillis(50))))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
        StormFuture<Payload> abandoned = session.receive();
        assertThat(abandoned.cancel(false)).isTrue();
        client.send("kept");
        try (Payload payload = Await.result(session.receive())) {
            assertThat(payload.text()).isEqualTo("kept");
        }
    }

    @Test
    void activeModePullerGetsItsOwnViewOfTheBytes() {
        Session session = connect();
        server.onDataReceived((s, data) -> data.buffer().skipBytes(data.length()));
        StormFuture<Payload> next = session.receive();
        awaitLoop(session);
        client.send("untouched");
        try (Payload payload = Await.result(next)) {
            assertThat(payload.text()).isEqualTo("untouched");
        }
    }

    @Test
    void subscriberThatThrowsIsCancelledAndTheSessionStillClosesCleanly() throws Exception {
        Session session = connect();
        CountDownLatch thrown = new CountDownLatch(1);
        session.frames().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Payload item) {
                item.close();
                thrown.countDown();
                throw new IllegalStateException("subscriber bug");
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
                throw new IllegalStateException("must not be called after a throwing onNext");
            }
        });
        Await.until("subscribed", session::isPassive);
        client.send("boom");
        assertThat(thrown.await(10, TimeUnit.SECONDS)).isTrue();
        Await.until("cancellation restored active mode", () -> !session.isPassive());
        client.send("pushed");
        assertThat(serverEvents.awaitData().text()).isEqualTo("pushed");
        Await.result(client.disconnect());
        serverEvents.awaitDisconnected(CloseReason.REMOTE_CLOSE);
    }

    @Test
    void cancellingInsideOnSubscribeOnAClosedSessionIsHarmless() throws Exception {
        Session session = connect();
        Await.result(client.disconnect());
        serverEvents.awaitDisconnected(CloseReason.REMOTE_CLOSE);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        session.frames().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
                done.complete(true);
            }

            @Override
            public void onNext(Payload item) {
                item.close();
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
            }
        });
        assertThat(done.get(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Waits until the session's event loop has run everything submitted so far. */
    private static void awaitLoop(Session session) {
        Await.result(session.channel().eventLoop().submit(() -> null));
    }

    /** Records texts (closing each payload) and terminal signals. */
    private static final class RecordingSubscriber implements Flow.Subscriber<Payload> {
        final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        final LinkedBlockingQueue<String> items = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();
        final CountDownLatch completed = new CountDownLatch(1);
        volatile int count;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
        }

        @Override
        public void onNext(Payload item) {
            try (item) {
                items.add(item.text());
                count++;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            error.complete(throwable);
        }

        @Override
        public void onComplete() {
            completed.countDown();
        }

        String take() throws InterruptedException {
            String item = items.poll(10, TimeUnit.SECONDS);
            if (item == null) {
                throw new AssertionError("no item within 10 s");
            }
            return item;
        }
    }
}
