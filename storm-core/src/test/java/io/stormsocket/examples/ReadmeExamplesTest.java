package io.stormsocket.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.stormsocket.core.BroadcastResult;
import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.ClientState;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.IdleKind;
import io.stormsocket.core.IdleTimeouts;
import io.stormsocket.core.Middleware;
import io.stormsocket.core.OfflineBuffer;
import io.stormsocket.core.Payload;
import io.stormsocket.core.RateLimiter;
import io.stormsocket.core.ReconnectPolicy;
import io.stormsocket.core.SendResult;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.ServerStats;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionKey;
import io.stormsocket.core.SlowConsumerPolicy;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormResources;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.Subscription;
import io.stormsocket.core.codec.DelimiterCodec;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.core.codec.LengthPrefixCodec;
import io.stormsocket.testing.Await;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples the README shows, kept here so they compile and run. Each region between
 * {@code // README:name} and {@code // END} is what the README quotes.
 */
class ReadmeExamplesTest {
    private static final SessionKey<String> NICK = SessionKey.of("nick", String.class);

    @TempDir
    Path tempDir;

    private static ServerConfig.Builder loopback() {
        return ServerConfig.builder().endpoint(Endpoint.tcp("127.0.0.1", 0));
    }

    @Test
    void quickStartEchoServerAndClient() throws Exception {
        // README:quick-start
        StormServer server = StormServer.create(ServerConfig.builder()
                .endpoint(Endpoint.tcp("127.0.0.1", 0))      // port 0: any free port
                .codec(FrameCodecs.lines())                   // "\n"-delimited frames
                .build());
        server.onConnected(session -> System.out.println("connected: " + session.remoteAddress()));
        server.onDataReceived((session, data) -> session.send(data));   // echo, zero-copy
        server.onDisconnected((session, reason) -> System.out.println("gone: " + reason));
        server.start().get(5, TimeUnit.SECONDS);

        StormClient client = StormClient.create(ClientConfig.builder()
                .endpoint("127.0.0.1", server.port())
                .codec(FrameCodecs.lines())
                .build());
        LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
        client.onDataReceived((session, data) -> replies.add(data.text()));
        client.connect().get(5, TimeUnit.SECONDS);
        client.send("hello, storm");
        // END
        assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("hello, storm");
        client.close();
        server.close();
    }

    @Test
    void framing() throws Exception {
        // README:framing
        // 4-byte big-endian length before each frame, at most 1 MiB (the defaults):
        ServerConfig lengthPrefixed = ServerConfig.builder().codec(FrameCodecs.lengthPrefix()).build();
        // 2-byte length, frames up to 16 KiB:
        ServerConfig small = ServerConfig.builder()
                .codec(LengthPrefixCodec.builder().lengthFieldBytes(2).maxFrameLength(16 * 1024).build())
                .build();
        // CRLF-terminated lines up to 8 KiB, delimiter stripped:
        ServerConfig crlf = ServerConfig.builder()
                .codec(DelimiterCodec.builder().delimiter("\r\n").maxFrameLength(8 * 1024).build())
                .build();
        // END
        assertThat(lengthPrefixed.codec()).isInstanceOf(LengthPrefixCodec.class);
        assertThat(((LengthPrefixCodec) small.codec()).lengthFieldBytes()).isEqualTo(2);
        assertThat(((DelimiterCodec) crlf.codec()).maxFrameLength()).isEqualTo(8 * 1024);
    }

    @Test
    void sessions() throws Exception {
        try (StormServer server = StormServer.create(loopback().codec(FrameCodecs.lines()).build())) {
            LinkedBlockingQueue<String> log = new LinkedBlockingQueue<>();
            // README:sessions
            server.onConnected(session -> session.attribute(NICK, "guest-" + session.id()));
            server.onDataReceived((session, data) -> {
                String nick = session.attribute(NICK).orElseThrow();
                if (data.text().equals("/quit")) {
                    session.send("bye " + nick);
                    session.close();                           // graceful: "bye" is flushed first
                    return;
                }
                session.queue(nick + " said:");                // queue without flushing...
                session.queue(data.text());
                session.flush();                               // ...then one write for both
                log.add(nick + " " + session.metrics().framesIn() + " frame(s) in");
            });
            // END
            server.start().get(5, TimeUnit.SECONDS);
            try (StormClient client = StormClient.create(ClientConfig.builder().codec(FrameCodecs.lines())
                    .endpoint("127.0.0.1", server.port()).build())) {
                LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
                client.onDataReceived((s, d) -> replies.add(d.text()));
                LinkedBlockingQueue<CloseReason> closed = new LinkedBlockingQueue<>();
                client.onDisconnected((s, reason) -> closed.add(reason));
                client.connect().get(5, TimeUnit.SECONDS);
                client.send("hi");
                assertThat(replies.poll(10, TimeUnit.SECONDS)).endsWith("said:");
                assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("hi");
                assertThat(log.poll(10, TimeUnit.SECONDS)).endsWith("1 frame(s) in");
                client.send("/quit");
                assertThat(replies.poll(10, TimeUnit.SECONDS)).startsWith("bye guest-");
                assertThat(closed.poll(10, TimeUnit.SECONDS)).isEqualTo(CloseReason.REMOTE_CLOSE);
            }
        }
    }

    @Test
    void eventsAndErrors() throws Exception {
        try (StormServer server = StormServer.create(loopback().build())) {
            // README:events
            Subscription audit = server.onDataReceived((session, data) -> {
                throw new IllegalStateException("a bug in a handler");   // reported, never fatal
            });
            server.onError((session, error) -> System.err.println("session " + session.id() + ": " + error));
            audit.close();                                               // unsubscribe
            // END
            server.start().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void pullAndStreamingReceive() throws Exception {
        try (StormServer server = StormServer.create(loopback().codec(FrameCodecs.lines()).build())) {
            LinkedBlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
            // README:passive
            server.onConnected(session -> session.passive(true));   // read only when asked
            // END
            server.onConnected(sessions::add);
            server.start().get(5, TimeUnit.SECONDS);
            try (StormClient client = StormClient.create(ClientConfig.builder().codec(FrameCodecs.lines())
                    .endpoint("127.0.0.1", server.port()).build())) {
                client.connect().get(5, TimeUnit.SECONDS);
                Session session = sessions.poll(10, TimeUnit.SECONDS);
                client.send("first");
                client.send("second");
                // README:pull
                try (Payload next = session.receive(Duration.ofSeconds(5)).get()) {
                    System.out.println("pulled " + next.text());
                }
                // END
                LinkedBlockingQueue<String> streamed = new LinkedBlockingQueue<>();
                // README:stream
                session.frames().subscribe(new Flow.Subscriber<Payload>() {
                    private Flow.Subscription subscription;

                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        subscription = s;
                        s.request(1);                          // demand drives socket reads
                    }

                    @Override
                    public void onNext(Payload frame) {
                        try (frame) {                          // the subscriber owns each frame
                            streamed.add(frame.text());
                        }
                        subscription.request(1);
                    }

                    @Override
                    public void onError(Throwable error) {
                    }

                    @Override
                    public void onComplete() {
                    }
                });
                // END
                assertThat(streamed.poll(10, TimeUnit.SECONDS)).isEqualTo("second");
            }
        }
    }

    @Test
    void handlerExecutorAndIdleTimeouts() throws Exception {
        ExecutorService executor = Executors.newCachedThreadPool();
        // README:executor
        // On Java 21+: Executors.newVirtualThreadPerTaskExecutor()
        StormServer server = StormServer.create(ServerConfig.builder()
                .endpoint(Endpoint.tcp("127.0.0.1", 0))
                .handlerExecutor(executor)                     // handlers may block; order per session kept
                .maxPendingReceiveBytes(256 * 1024)            // reading pauses past this backlog
                .idleTimeouts(IdleTimeouts.builder()
                        .reader(Duration.ofSeconds(60))        // silent or half-open peers are closed
                        .writer(Duration.ofSeconds(15))        // raises onIdle: time for a keep-alive
                        .build())
                .build());
        server.onIdle((session, kind) -> {
            if (kind == IdleKind.WRITER) {
                session.send("ping");
            }
        });
        // END
        server.start().get(5, TimeUnit.SECONDS);
        server.close();
        executor.shutdown();
    }

    @Test
    void unixSocketsProxyProtocolAndSharedResources() throws Exception {
        Path socketFile = tempDir.resolve("app.sock");
        // README:unix
        StormServer local = StormServer.create(ServerConfig.builder()
                .endpoint(Endpoint.unix(socketFile))
                .build());
        // END
        // README:proxy
        StormServer behindLoadBalancer = StormServer.create(ServerConfig.builder()
                .port(7000)
                .proxyProtocol(true)                           // session.remoteAddress() is the real client
                .build());
        // END
        local.start().get(5, TimeUnit.SECONDS);
        StormServer server = StormServer.create(loopback().build());
        server.start().get(5, TimeUnit.SECONDS);
        // README:shared
        StormResources shared = StormResources.create(2);        // 2 event loops for all clients
        List<StormClient> clients = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            StormClient client = StormClient.create(ClientConfig.builder()
                    .endpoint("127.0.0.1", server.port())
                    .resources(shared)
                    .build());
            client.connect().get(5, TimeUnit.SECONDS);
            clients.add(client);
        }
        // END
        Await.until("100 sessions", () -> server.sessionCount() == 100);
        // README:shared-close
        clients.forEach(StormClient::close);                     // clients first,
        shared.close();                                          // then the loops they share
        // END
        server.close();
        local.close();
        assertThat(behindLoadBalancer.config().proxyProtocol()).isTrue();
    }

    @Test
    void chatRoomsWithGroupsAndBroadcast() throws Exception {
        try (StormServer server = StormServer.create(loopback().codec(FrameCodecs.lines()).build())) {
            // README:groups
            server.onConnected(session -> {
                session.join("lobby");
                server.groups().group("lobby").broadcast("someone joined", session.id());
            });
            server.onDataReceived((session, data) -> {
                String line = data.text();
                if (line.startsWith("/join ")) {
                    session.join(line.substring(6));
                } else {
                    for (String room : session.groups()) {          // rooms are left automatically on disconnect
                        server.groups().group(room).broadcast(line, session.id());
                    }
                }
            });
            // END
            server.start().get(5, TimeUnit.SECONDS);
            LinkedBlockingQueue<String> aliceInbox = new LinkedBlockingQueue<>();
            try (StormClient alice = StormClient.create(ClientConfig.builder().codec(FrameCodecs.lines())
                    .endpoint("127.0.0.1", server.port()).build());
                    StormClient bob = StormClient.create(ClientConfig.builder().codec(FrameCodecs.lines())
                            .endpoint("127.0.0.1", server.port()).build())) {
                alice.onDataReceived((s, d) -> aliceInbox.add(d.text()));
                alice.connect().get(5, TimeUnit.SECONDS);
                Await.until("alice is in the lobby", () -> server.groups().memberCount("lobby") == 1);
                bob.connect().get(5, TimeUnit.SECONDS);
                assertThat(aliceInbox.poll(10, TimeUnit.SECONDS)).isEqualTo("someone joined");
                bob.send("hello lobby");
                assertThat(aliceInbox.poll(10, TimeUnit.SECONDS)).isEqualTo("hello lobby");
                // README:broadcast
                BroadcastResult result = server.sessions().broadcast("maintenance in 5 minutes").get();
                System.out.printf("delivered %d, dropped %d, disconnected %d, failed %d%n",
                        result.delivered(), result.dropped(), result.disconnected(), result.failed());
                // END
                assertThat(result.delivered()).isEqualTo(2);
            }
        }
    }

    @Test
    void slowConsumers() throws Exception {
        // README:slow-consumers
        StormServer feed = StormServer.create(ServerConfig.builder()
                .endpoint(Endpoint.tcp("127.0.0.1", 0))
                .maxPendingSendBytes(256 * 1024)                  // backpressured above 256 KiB unwritten
                .maxQueuedSendBytes(1024 * 1024)                  // hard cap: sends fail fast beyond 1 MiB
                .slowConsumerPolicy(SlowConsumerPolicy.DROP)      // market data: skip ticks for slow readers
                .build());
        feed.onConnected(session -> {
            if (session.remoteAddress().toString().contains("10.0.0.")) {
                session.slowConsumerPolicy(SlowConsumerPolicy.WAIT);   // per-session override
            }
        });
        // END
        feed.start().get(5, TimeUnit.SECONDS);
        feed.close();
    }

    @Test
    void middlewareRateLimitingAndAdmission() throws Exception {
        // README:middleware
        Middleware logging = new Middleware() {
            @Override
            public void onConnected(Session session) {
                System.out.println("+ " + session.id() + " " + session.remoteAddress());
            }

            @Override
            public void onDisconnected(Session session, CloseReason reason) {
                System.out.println("- " + session.id() + " " + reason);
            }
        };
        RateLimiter limiter = RateLimiter.builder()
                .maxMessages(50)
                .window(Duration.ofSeconds(1))
                .scope(RateLimiter.Scope.REMOTE_ADDRESS)          // sessions from one IP share the budget
                .action(RateLimiter.Action.DISCONNECT)            // abort with CloseReason.RATE_LIMITED
                .build();
        limiter.onExceeded(session -> System.out.println("flood from " + session.remoteAddress()));
        // END
        // README:admission
        StormServer server = StormServer.create(ServerConfig.builder()
                .endpoint(Endpoint.tcp("127.0.0.1", 0))
                .middleware(logging, limiter)
                .maxConnections(10_000)
                .maxConnectionsPerAddress(50)
                .connectionFilter(remote -> !remote.toString().startsWith("/192.0.2."))
                .build());
        server.start().get(5, TimeUnit.SECONDS);
        ServerStats stats = server.stats();                        // accepted, rejected, active, traffic
        // END
        assertThat(stats.rejected()).isZero();
        // README:shutdown
        server.stop(Duration.ofSeconds(10)).get();   // stop accepting, flush and close (SHUTDOWN), release threads
        // END
    }

    @Test
    void reconnectingClientWithAnOfflineBuffer() throws Exception {
        StormServer first = StormServer.create(loopback().codec(FrameCodecs.lines()).build());
        first.start().get(5, TimeUnit.SECONDS);
        int port = first.port();
        // README:reconnect
        StormClient client = StormClient.create(ClientConfig.builder()
                .endpoint("127.0.0.1", port)
                .codec(FrameCodecs.lines())
                .reconnect(ReconnectPolicy.builder()           // off by default
                        .initialDelay(Duration.ofMillis(100))   // then 200 ms, 400 ms ... each ±20 %
                        .maxDelay(Duration.ofSeconds(30))
                        .maxAttempts(0)                         // 0: never give up
                        .build())
                .offlineBuffer(OfflineBuffer.builder()         // hold sends while reconnecting
                        .maxMessages(10_000)
                        .maxBytes(16 << 20)
                        .build())
                .build());
        client.onReconnecting((attempt, delay) -> System.out.println("reconnect #" + attempt + " in " + delay));
        client.onReconnectFailed((attempts, error) -> System.err.println("gave up: " + error.getMessage()));
        client.connect().get(5, TimeUnit.SECONDS);
        // END
        Await.until("the server opened the session", () -> first.sessionCount() == 1);
        first.close();
        Await.until("reconnecting", () -> client.state() == ClientState.RECONNECTING);
        StormFuture<SendResult> held = client.send("held while the server is down");
        StormServer second = StormServer.create(loopback().endpoint(Endpoint.tcp("127.0.0.1", port)).codec(FrameCodecs.lines()).build());
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        second.onDataReceived((session, data) -> received.add(data.text()));
        second.start().get(5, TimeUnit.SECONDS);
        assertThat(Await.result(held)).isEqualTo(SendResult.WRITTEN);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("held while the server is down");
        client.close();
        second.close();
    }

    @Test
    void sendingBuffersTransfersOwnership() throws Exception {
        try (StormServer server = StormServer.create(loopback().build())) {
            server.start().get(5, TimeUnit.SECONDS);
            try (StormClient client = StormClient.create(ClientConfig.builder()
                    .endpoint("127.0.0.1", server.port()).build())) {
                Session session = client.connect().get(5, TimeUnit.SECONDS);
                // README:bytebuf
                ByteBuf buffer = session.channel().alloc().buffer().writeLong(System.nanoTime());
                session.send(buffer);                          // Storm owns and releases it now
                // END
                assertThat(Await.result(session.send("x"))).isNotNull();
            }
        }
    }
}
