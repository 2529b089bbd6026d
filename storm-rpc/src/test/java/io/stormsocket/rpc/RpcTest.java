package io.stormsocket.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.ReconnectPolicy;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionClosedException;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormServer;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RpcTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    record WeatherRequest(String city) implements Request<WeatherResponse> {
    }

    record WeatherResponse(String forecast) {
    }

    record Chat(String text) {
    }

    record Slow(int n) implements Request<Integer> {
    }

    record Fail(String why) implements Request<String> {
    }

    record Secret(String path) implements Request<String> {
    }

    record Whoami() implements Request<String> {
    }

    private static final RpcOptions OPTIONS = RpcOptions.builder().heartbeatInterval(Duration.ZERO).build();

    private RpcServer server(RpcOptions options) {
        StormServer stormServer = storm.server(ServerConfig.builder().codec(options.codec()));
        return RpcServer.wrap(stormServer, options);
    }

    private RpcClient client(RpcServer server, RpcOptions options) {
        StormClient stormClient = storm.client(ClientConfig.builder().codec(options.codec()), server.storm());
        RpcClient client = RpcClient.wrap(stormClient, options);
        Await.result(client.connect());
        return client;
    }

    private RpcServer started(RpcServer server) {
        Await.result(server.start());
        return server;
    }

    @Test
    void weatherRequestGetsItsTypedResponse() {
        RpcServer server = server(OPTIONS);
        server.onRequest(WeatherRequest.class, (session, request) -> new WeatherResponse("Sunny in " + request.city()));
        started(server);
        RpcClient client = client(server, OPTIONS);

        WeatherResponse response = Await.result(client.request(new WeatherRequest("Bonn")));

        assertThat(response).isEqualTo(new WeatherResponse("Sunny in Bonn"));
    }

    @Test
    void oneWayMessagesReachTheirHandlerInOrder() throws Exception {
        RpcServer server = server(OPTIONS);
        LinkedBlockingQueue<Chat> received = new LinkedBlockingQueue<>();
        server.onMessage(Chat.class, (session, chat) -> received.add(chat));
        started(server);
        RpcClient client = client(server, OPTIONS);

        for (int i = 0; i < 20; i++) {
            client.send(new Chat("hello " + i));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new Chat("hello " + i));
        }
    }

    @Test
    void serverCallsItsClient() {
        RpcServer server = server(OPTIONS);
        EventRecorder events = storm.closeAfter(EventRecorder.attach(server.storm()));
        started(server);
        RpcClient client = client(server, OPTIONS);
        client.onRequest(Whoami.class, (session, request) -> "client of session " + session.id());
        Session serverSide = events.awaitConnected();

        String answer = Await.result(server.request(serverSide, new Whoami()));

        assertThat(answer).startsWith("client of session");
    }

    @Test
    void asyncHandlerAnswersLater() {
        RpcServer server = server(OPTIONS);
        server.onRequestAsync(Slow.class, (session, request) ->
                CompletableFuture.supplyAsync(() -> request.n() * 2));
        started(server);
        RpcClient client = client(server, OPTIONS);

        assertThat(Await.result(client.request(new Slow(21)))).isEqualTo(42);
    }

    @Test
    void remoteHandlerExceptionComesBackTypedWithoutStackTrace() {
        RpcServer server = server(OPTIONS);
        server.onRequest(Fail.class, (session, request) -> {
            throw new IllegalStateException(request.why());
        });
        started(server);
        RpcClient client = client(server, OPTIONS);

        Throwable failure = Await.failure(client.request(new Fail("no forecast today")));

        assertThat(failure).isInstanceOf(RemoteException.class);
        RemoteException remote = (RemoteException) failure;
        assertThat(remote.remoteType()).isEqualTo(IllegalStateException.class.getName());
        assertThat(remote.remoteMessage()).isEqualTo("no forecast today");
    }

    @Test
    void stackTracesTravelWhenEnabled() {
        RpcOptions verbose = OPTIONS.toBuilder().sendStackTraces(true).build();
        RpcServer server = server(verbose);
        server.onRequestAsync(Fail.class, (session, request) ->
                CompletableFuture.failedFuture(new IllegalArgumentException(request.why())));
        started(server);
        RpcClient client = client(server, OPTIONS);

        RemoteException remote = (RemoteException) Await.failure(client.request(new Fail("bad city")));

        assertThat(remote.remoteType()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(remote.remoteMessage()).startsWith("bad city\n").contains("\tat ");
    }

    @Test
    void requestWithoutHandlerGetsAnErrorAndRaisesOnUnhandled() {
        RpcServer server = server(OPTIONS);
        LinkedBlockingQueue<String> unhandled = new LinkedBlockingQueue<>();
        server.onUnhandled((session, tag) -> unhandled.add(tag));
        started(server);
        RpcClient client = client(server, OPTIONS);

        Throwable failure = Await.failure(client.request(new WeatherRequest("Bonn")));

        assertThat(failure).isInstanceOf(RemoteException.class);
        assertThat(((RemoteException) failure).remoteType()).isEqualTo(NoHandlerException.class.getName());
        assertThat(Await.<String>value("unhandled tag", unhandled::poll, tag -> tag != null))
                .isEqualTo(WeatherRequest.class.getName());
    }

    @Test
    void messageWithoutHandlerRaisesOnUnhandled() {
        RpcServer server = server(OPTIONS);
        LinkedBlockingQueue<String> unhandled = new LinkedBlockingQueue<>();
        server.onUnhandled((session, tag) -> unhandled.add(tag));
        started(server);
        RpcClient client = client(server, OPTIONS);

        Await.result(client.send(new Chat("anyone?")));

        assertThat(Await.<String>value("unhandled tag", unhandled::poll, tag -> tag != null)).isEqualTo(Chat.class.getName());
    }

    @Test
    void unregisteredClassIsNeverInstantiated() {
        RpcServer server = server(OPTIONS);
        server.onRequest(WeatherRequest.class, (session, request) -> new WeatherResponse("Sunny"));
        LinkedBlockingQueue<String> unhandled = new LinkedBlockingQueue<>();
        server.onUnhandled((session, tag) -> unhandled.add(tag));
        started(server);
        RpcClient client = client(server, OPTIONS);

        // Secret is a class on the server's classpath, but the server registered no handler for it.
        RemoteException refused = (RemoteException) Await.failure(client.request(new Secret("/etc/passwd")));

        assertThat(refused.remoteType()).isEqualTo(NoHandlerException.class.getName());
        assertThat(refused.remoteMessage()).contains(Secret.class.getName());
        assertThat(Await.<String>value("unhandled tag", unhandled::poll, tag -> tag != null)).isEqualTo(Secret.class.getName());
    }

    @Test
    void requestTimesOutWithATypedException() {
        RpcServer server = server(OPTIONS);
        AtomicReference<CompletableFuture<Integer>> work = new AtomicReference<>();
        server.onRequestAsync(Slow.class, (session, request) -> {
            CompletableFuture<Integer> future = new CompletableFuture<>();
            work.set(future);
            return future;
        });
        started(server);
        RpcClient client = client(server, OPTIONS);

        Throwable failure = Await.failure(client.request(new Slow(1), Duration.ofMillis(100)));

        assertThat(failure).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("PT0.1S");
        Await.until("the timed-out handler is cancelled on the server", () -> work.get().isCancelled());
    }

    @Test
    void defaultTimeoutApplies() {
        RpcOptions quick = OPTIONS.toBuilder().defaultTimeout(Duration.ofMillis(100)).build();
        RpcServer server = server(OPTIONS);
        server.onRequestAsync(Slow.class, (session, request) -> new CompletableFuture<>());
        started(server);
        RpcClient client = client(server, quick);

        assertThat(Await.failure(client.request(new Slow(1)))).isInstanceOf(RequestTimeoutException.class);
    }

    @Test
    void cancellingARequestCancelsThePeersHandler() throws Exception {
        RpcServer server = server(OPTIONS);
        AtomicReference<CompletableFuture<Integer>> work = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        server.onRequestAsync(Slow.class, (session, request) -> {
            CompletableFuture<Integer> future = new CompletableFuture<>();
            work.set(future);
            started.countDown();
            return future;
        });
        started(server);
        RpcClient client = client(server, OPTIONS);

        StormFuture<Integer> call = client.request(new Slow(1));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(call.cancel(true)).isTrue();

        assertThatThrownBy(call::join).isInstanceOf(CancellationException.class);
        Await.until("the server's handler future is cancelled", () -> work.get().isCancelled());
    }

    @Test
    void closedConnectionFailsPendingCallsAtOnce() {
        RpcServer server = server(OPTIONS);
        EventRecorder events = storm.closeAfter(EventRecorder.attach(server.storm()));
        server.onRequestAsync(Slow.class, (session, request) -> new CompletableFuture<>());
        started(server);
        RpcClient client = client(server, OPTIONS);
        Session serverSide = events.awaitConnected();

        StormFuture<Integer> first = client.request(new Slow(1));
        StormFuture<Integer> second = client.request(new Slow(2));
        serverSide.close();

        assertThat(Await.failure(first)).isInstanceOf(SessionClosedException.class);
        assertThat(Await.failure(second)).isInstanceOf(SessionClosedException.class);
        assertThat(Await.failure(client.request(new Slow(3)))).isInstanceOf(SessionClosedException.class);
    }

    @Test
    void requestsBeyondTheInFlightLimitFailFast() {
        RpcOptions two = OPTIONS.toBuilder().maxInFlight(2).build();
        RpcServer server = server(OPTIONS);
        server.onRequestAsync(Slow.class, (session, request) -> new CompletableFuture<>());
        started(server);
        RpcClient client = client(server, two);

        StormFuture<Integer> first = client.request(new Slow(1));
        StormFuture<Integer> second = client.request(new Slow(2));
        StormFuture<Integer> third = client.request(new Slow(3));

        assertThat(Await.failure(third)).isInstanceOf(InFlightLimitException.class).hasMessageContaining("2 requests");
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        first.cancel(true);
        assertThat(client.request(new Slow(4))).isNotDone();
    }

    @Test
    void silentPeerIsClosedByTheHeartbeat() throws Exception {
        RpcOptions beating = RpcOptions.builder().heartbeatInterval(Duration.ofMillis(50))
                .receiveTimeout(Duration.ofMillis(300)).build();
        RpcServer server = started(server(beating));
        EventRecorder events = storm.closeAfter(EventRecorder.attach(server.storm()));
        try (java.net.Socket silent = new java.net.Socket("127.0.0.1", server.port())) {
            events.awaitConnected();
            events.awaitDisconnected(CloseReason.HEARTBEAT_TIMEOUT);
            assertThat(silent.getInputStream().read(new byte[64 * 1024])).as("pings, then end of stream").isPositive();
        }
    }

    @Test
    void heartbeatsKeepAQuietConnectionOpen() {
        // A receive timeout of 20 ping intervals leaves room for a stalled JVM on a busy machine.
        RpcOptions beating = RpcOptions.builder().heartbeatInterval(Duration.ofMillis(50))
                .receiveTimeout(Duration.ofSeconds(1)).build();
        RpcServer server = server(beating);
        server.onRequest(WeatherRequest.class, (session, request) -> new WeatherResponse("Sunny"));
        started(server);
        RpcClient client = client(server, beating);
        Session session = client.storm().session().orElseThrow();
        long framesBefore = session.metrics().framesIn();

        // Two receive timeouts' worth of pings arriving proves the connection stayed up through them.
        Await.until("pings arrive for longer than the receive timeout",
                () -> session.metrics().framesIn() - framesBefore >= 40, Duration.ofSeconds(15));
        assertThat(session.isOpen()).isTrue();
        assertThat(Await.result(client.request(new WeatherRequest("Bonn")))).isEqualTo(new WeatherResponse("Sunny"));
    }

    @Test
    void reconnectingClientKeepsItsHandlersAndFailsOnlyTheCallsOfTheLostConnection() {
        RpcServer server = server(OPTIONS);
        EventRecorder events = storm.closeAfter(EventRecorder.attach(server.storm()));
        server.onRequestAsync(Slow.class, (session, request) -> request.n() < 0 ? new CompletableFuture<>()
                : CompletableFuture.completedFuture(request.n()));
        started(server);
        ReconnectPolicy fast = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(20))
                .maxDelay(Duration.ofMillis(200)).build();
        StormClient stormClient = storm.client(ClientConfig.builder().codec(OPTIONS.codec()).reconnect(fast),
                server.storm());
        RpcClient client = RpcClient.wrap(stormClient, OPTIONS);
        Session first = Await.result(client.connect());
        StormFuture<Integer> lost = client.request(new Slow(-1));

        events.awaitConnected().close();

        assertThat(Await.failure(lost)).isInstanceOf(SessionClosedException.class);
        Await.until("the client reconnects", () -> stormClient.session().filter(s -> s != first && s.isOpen()).isPresent());
        assertThat(Await.result(client.request(new Slow(7)))).isEqualTo(7);
    }

    @Test
    void clientRequestWhileDisconnectedFails() {
        RpcServer server = started(server(OPTIONS));
        StormClient stormClient = storm.client(ClientConfig.builder().codec(OPTIONS.codec()), server.storm());
        RpcClient client = RpcClient.wrap(stormClient, OPTIONS);

        assertThat(Await.failure(client.request(new WeatherRequest("Bonn")))).isInstanceOf(SessionClosedException.class);
        assertThat(Await.failure(client.send(new Chat("x")))).isInstanceOf(SessionClosedException.class);
    }

    @Test
    void wrappingAServerWithoutTheRpcCodecIsRefused() {
        StormServer plain = storm.server(ServerConfig.builder());
        assertThatThrownBy(() -> RpcServer.wrap(plain, OPTIONS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RpcOptions.codec()");
    }

    @Test
    void secondHandlerForATypeIsRefusedUntilTheFirstIsRemoved() {
        RpcServer server = server(OPTIONS);
        var first = server.onMessage(Chat.class, (session, chat) -> { });
        assertThatThrownBy(() -> server.onMessage(Chat.class, (session, chat) -> { }))
                .isInstanceOf(IllegalStateException.class);
        first.close();
        server.onMessage(Chat.class, (session, chat) -> { });
    }
}
