package io.stormsocket.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ReconnectPolicy;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.SessionClosedException;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormResources;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.StormExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server restarted under auto-reconnecting RPC clients (issue 9, fault injection): calls in flight
 * when the server stops fail at once with {@link SessionClosedException}, none hangs, every client
 * is connected again within the reconnect policy's backoff bound, and calls succeed afterwards.
 * Only generous deadlines are asserted; the measured times are logged.
 */
class ServerRestartTest {
    private static final Logger LOG = LoggerFactory.getLogger(ServerRestartTest.class);
    private static final RpcOptions OPTIONS = RpcOptions.builder().heartbeatInterval(Duration.ZERO).build();
    private static final ReconnectPolicy POLICY = ReconnectPolicy.builder()
            .initialDelay(Duration.ofMillis(20))
            .maxDelay(Duration.ofMillis(200))
            .multiplier(2.0)
            .jitter(0.2)
            .build();
    /** Slack on top of the backoff bound for connecting on a loaded 2-core machine. */
    private static final Duration SLACK = Duration.ofSeconds(5);
    private static final int CLIENTS = 16;
    private static final int CALLS_PER_CLIENT = 8;

    @RegisterExtension
    final StormExtension storm = new StormExtension();

    /** A request the first server never answers, so it is still in flight when that server stops. */
    record Hang(int n) implements Request<Integer> {
    }

    /** A request answered at once with its own number. */
    record Echo(int n) implements Request<Integer> {
    }

    private RpcServer server(int port, AtomicInteger received) {
        RpcServer server = RpcServer.wrap(storm.server(ServerConfig.builder().codec(OPTIONS.codec())
                .endpoint(Endpoint.tcp("127.0.0.1", port))), OPTIONS);
        server.onRequestAsync(Hang.class, (session, request) -> {
            received.incrementAndGet();
            return new CompletableFuture<>();
        });
        server.onRequest(Echo.class, (session, request) -> request.n());
        Await.result(server.start());
        return server;
    }

    @Test
    void inFlightCallsFailPromptlyAndEveryClientIsBackWithinTheBackoffBound() {
        AtomicInteger received = new AtomicInteger();
        RpcServer first = server(0, received);
        int port = first.port();
        StormResources shared = storm.closeAfter(StormResources.create(2));
        ConcurrentLinkedQueue<Duration> delays = new ConcurrentLinkedQueue<>();
        List<RpcClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            StormClient stormClient = storm.client(ClientConfig.builder().codec(OPTIONS.codec())
                    .endpoint("127.0.0.1", port).reconnect(POLICY).resources(shared));
            stormClient.onReconnecting((attempt, delay) -> delays.add(delay));
            RpcClient client = RpcClient.wrap(stormClient, OPTIONS);
            Await.result(client.connect());
            clients.add(client);
        }
        // Stopping a server that is still accepting a connection is a separate matter (see ReconnectTest).
        Await.until("the server opened every session", () -> first.storm().sessionCount() == CLIENTS);

        List<StormFuture<Integer>> inFlight = new ArrayList<>();
        for (RpcClient client : clients) {
            for (int i = 0; i < CALLS_PER_CLIENT; i++) {
                inFlight.add(client.request(new Hang(i), Duration.ofMinutes(5)));
            }
        }
        Await.until("the server holds every call", () -> received.get() == CLIENTS * CALLS_PER_CLIENT);

        long stopStart = System.nanoTime();
        Await.result(first.storm().stop(Duration.ofSeconds(1)));
        for (StormFuture<Integer> call : inFlight) {
            // Each await is bounded (Await.TIMEOUT), far below the calls' own 5-minute timeout.
            assertThat(Await.failure(call)).isInstanceOf(SessionClosedException.class).hasMessageContaining("closed");
        }
        long failedMs = Duration.ofNanos(System.nanoTime() - stopStart).toMillis();
        for (RpcClient client : clients) {
            if (!client.storm().isConnected()) {
                assertThat(Await.failure(client.request(new Echo(0)))).as("a call while reconnecting fails fast")
                        .isInstanceOf(SessionClosedException.class);
            }
        }

        long restart = System.nanoTime();
        RpcServer second = server(port, received);
        Duration bound = POLICY.maxDelay().plus(SLACK);
        Await.until("every client reconnected", () -> clients.stream().allMatch(c -> c.storm().isConnected()), bound);
        long backMs = Duration.ofNanos(System.nanoTime() - restart).toMillis();
        assertThat(delays).as("every backoff delay stays within the policy's bound").isNotEmpty()
                .allMatch(delay -> delay.compareTo(POLICY.maxDelay()) <= 0);
        LOG.info("{} clients: {} in-flight calls failed {} ms after stop began; all reconnected {} ms after restart"
                + " (backoff bound {} ms)", CLIENTS, inFlight.size(), failedMs, backMs, POLICY.maxDelay().toMillis());

        for (int i = 0; i < clients.size(); i++) {
            assertThat(Await.result(clients.get(i).request(new Echo(i)))).isEqualTo(i);
        }
        Await.until("the new server holds every session", () -> second.storm().sessionCount() == CLIENTS);
    }
}
