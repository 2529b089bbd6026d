package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MiddlewareTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    /** Records its hooks into a shared log, tagged with its name. */
    private static Middleware recording(String name, List<String> log) {
        return new Middleware() {
            @Override
            public void onConnected(Session session) {
                log.add(name + ":connected");
            }

            @Override
            public Optional<Payload> onDataReceived(Session session, Payload data) {
                log.add(name + ":data");
                return Optional.of(data);
            }

            @Override
            public void onDisconnected(Session session, CloseReason reason) {
                log.add(name + ":disconnected");
            }

            @Override
            public void onError(Session session, Throwable error) {
                log.add(name + ":error");
            }
        };
    }

    /** Replaces every received text with its upper case; suppresses "secret". */
    private static final Middleware UPPERCASE_AND_CENSOR = new Middleware() {
        @Override
        public Optional<Payload> onDataReceived(Session session, Payload data) {
            String text = data.text();
            if (text.equals("secret")) {
                return Optional.empty();
            }
            ByteBuf upper = ByteBufUtil.writeUtf8(session.channel().alloc(), text.toUpperCase());
            return Optional.of(Payload.wrap(upper));
        }
    };

    @Test
    void hooksRunInOrderBeforeHandlersAndDisconnectsInReverse() {
        List<String> log = new CopyOnWriteArrayList<>();
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines())
                .middleware(recording("first", log), recording("second", log)));
        server.onConnected(s -> log.add("handler:connected"));
        server.onDataReceived((s, d) -> log.add("handler:data"));
        server.onDisconnected((s, r) -> log.add("handler:disconnected"));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        Await.result(client.connect());
        events.awaitConnected();
        client.send("x");
        events.awaitData();
        Await.result(client.disconnect());
        events.awaitDisconnected(CloseReason.REMOTE_CLOSE);
        assertThat(log).containsExactly(
                "first:connected", "second:connected", "handler:connected",
                "first:data", "second:data", "handler:data",
                "second:disconnected", "first:disconnected", "handler:disconnected");
    }

    @Test
    void receivedDataCanBeTransformedOrSuppressed() {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines())
                .middleware(UPPERCASE_AND_CENSOR));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        Await.result(client.connect());
        events.awaitConnected();
        client.send("hello");
        client.send("secret");
        client.send("world");
        assertThat(events.awaitData().text()).isEqualTo("HELLO");
        assertThat(events.awaitData().text()).isEqualTo("WORLD");
    }

    @Test
    void sendingDataCanBeTransformedOrSuppressed() {
        Middleware signer = new Middleware() {
            @Override
            public Optional<Payload> onDataSending(Session session, Payload data) {
                String text = data.text();
                if (text.startsWith("draft")) {
                    return Optional.empty();
                }
                return Optional.of(Payload.wrap(ByteBufUtil.writeUtf8(session.channel().alloc(), text + " -- storm")));
            }
        };
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()).middleware(signer));
        server.onDataReceived((s, d) -> {
            assertThat(Await.result(s.send("draft: ignore"))).isEqualTo(SendResult.DROPPED);
            s.send("reply to " + d.text());
            s.send(("bytes").getBytes(StandardCharsets.UTF_8));
        });
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        EventRecorder events = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();
        client.send("question");
        assertThat(events.awaitData().text()).isEqualTo("reply to question -- storm");
        assertThat(events.awaitData().text()).isEqualTo("bytes -- storm");
    }

    @Test
    void aFailingMiddlewareIsReportedAndItsFrameSuppressed() {
        IllegalStateException boom = new IllegalStateException("middleware bug");
        Middleware failing = new Middleware() {
            @Override
            public Optional<Payload> onDataReceived(Session session, Payload data) {
                if (data.text().equals("bad")) {
                    throw boom;
                }
                return Optional.of(data);
            }
        };
        List<String> log = new CopyOnWriteArrayList<>();
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines())
                .middleware(failing, recording("after", log)));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        Await.result(client.connect());
        events.awaitConnected();
        client.send("bad");
        client.send("good");
        assertThat(events.awaitError()).isSameAs(boom);
        assertThat(events.awaitData().text()).isEqualTo("good");
        assertThat(log).containsExactly("after:connected", "after:error", "after:data");
    }

    @Test
    void rateLimiterDisconnectsAFloodingSession() {
        RateLimiter limiter = RateLimiter.builder().maxMessages(5).window(Duration.ofSeconds(30)).build();
        AtomicInteger exceeded = new AtomicInteger();
        limiter.onExceeded(session -> exceeded.incrementAndGet());
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()).middleware(limiter));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        Await.result(client.connect());
        events.awaitConnected();
        for (int i = 0; i < 20; i++) {
            client.send("flood " + i);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(events.awaitData().text()).isEqualTo("flood " + i);
        }
        events.awaitDisconnected(CloseReason.RATE_LIMITED);
        assertThat(exceeded.get()).isPositive();
    }

    @Test
    void rateLimiterDropsTheExcessAndCountsEveryHit() {
        RateLimiter limiter = RateLimiter.builder().maxMessages(5).window(Duration.ofSeconds(30))
                .action(RateLimiter.Action.DROP).build();
        AtomicInteger exceeded = new AtomicInteger();
        limiter.onExceeded(session -> exceeded.incrementAndGet());
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()).middleware(limiter));
        AtomicInteger delivered = new AtomicInteger();
        server.onDataReceived((s, d) -> {
            delivered.incrementAndGet();
            if (d.text().equals("last")) {
                s.send("done");
            }
        });
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        EventRecorder clientEvents = EventRecorder.attach(client);
        Await.result(client.connect());
        clientEvents.awaitConnected();
        for (int i = 0; i < 4; i++) {
            client.send("m" + i);
        }
        client.send("last");
        assertThat(clientEvents.awaitData().text()).isEqualTo("done");
        for (int i = 0; i < 10; i++) {
            client.send("dropped " + i);
        }
        Await.until("ten hits counted", () -> exceeded.get() == 10);
        assertThat(delivered).hasValue(5);
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void addressScopeSharesOneCounterAcrossSessionsAndReconnects() {
        RateLimiter limiter = RateLimiter.builder().maxMessages(4).window(Duration.ofSeconds(30))
                .scope(RateLimiter.Scope.REMOTE_ADDRESS).action(RateLimiter.Action.DROP).build();
        AtomicInteger exceeded = new AtomicInteger();
        limiter.onExceeded(session -> exceeded.incrementAndGet());
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()).middleware(limiter));
        AtomicInteger delivered = new AtomicInteger();
        server.onDataReceived((s, d) -> delivered.incrementAndGet());
        storm.start(server);

        StormClient first = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        StormClient second = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        Await.result(first.connect());
        Await.result(second.connect());
        first.send("a");
        first.send("b");
        second.send("c");
        second.send("d");
        Await.until("four delivered", () -> delivered.get() == 4);
        Await.result(first.disconnect());
        Await.result(first.connect());
        first.send("over the shared limit");
        Await.until("the reconnected session is still limited", () -> exceeded.get() == 1);
        assertThat(delivered).hasValue(4);
    }
}
