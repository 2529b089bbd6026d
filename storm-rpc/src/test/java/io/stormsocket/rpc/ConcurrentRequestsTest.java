package io.stormsocket.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormResources;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.StormExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many threads put many requests in flight over many sessions at once; every response must
 * reach the request it answers.
 */
class ConcurrentRequestsTest {
    static final int SESSIONS = 100;
    static final int REQUESTS_PER_SESSION = 500;
    static final int THREADS = 10;

    @RegisterExtension
    final StormExtension storm = new StormExtension();

    record Square(int session, int n) implements Request<Squared> {
    }

    record Squared(int session, int n, long square) {
    }

    @Test
    void everyResponseReachesItsOwnRequest() throws Exception {
        RpcOptions options = RpcOptions.builder().heartbeatInterval(Duration.ZERO).defaultTimeout(Duration.ofSeconds(60))
                .build();
        RpcServer server = RpcServer.wrap(storm.server(ServerConfig.builder().codec(options.codec())), options);
        server.onRequest(Square.class, (session, q) -> new Squared(q.session(), q.n(), (long) q.n() * q.n()));
        Await.result(server.start());
        StormResources shared = storm.closeAfter(StormResources.create(2));
        List<RpcClient> clients = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            RpcClient client = RpcClient.wrap(storm.client(ClientConfig.builder().resources(shared)
                    .codec(options.codec()), server.storm()), options);
            clients.add(client);
        }
        List<StormFuture<?>> connects = new ArrayList<>();
        clients.forEach(c -> connects.add(c.connect()));
        connects.forEach(Await::result);

        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        AtomicInteger mismatches = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long started = System.nanoTime();
        try {
            List<Future<List<CompletableFuture<?>>>> batches = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                batches.add(threads.submit(() -> {
                    List<CompletableFuture<?>> mine = new ArrayList<>();
                    for (int s = thread; s < SESSIONS; s += THREADS) {
                        for (int n = 0; n < REQUESTS_PER_SESSION; n++) {
                            int session = s;
                            int number = n;
                            mine.add(clients.get(s).request(new Square(s, n)).thenAccept(r -> {
                                if (r.session() != session || r.n() != number || r.square() != (long) number * number) {
                                    mismatches.incrementAndGet();
                                }
                            }));
                        }
                    }
                    return mine;
                }));
            }
            for (Future<List<CompletableFuture<?>>> batch : batches) {
                all.addAll(batch.get(60, TimeUnit.SECONDS));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("%d requests over %d sessions from %d threads: %d ms%n", all.size(), SESSIONS, THREADS, millis);
        assertThat(all).hasSize(SESSIONS * REQUESTS_PER_SESSION);
        assertThat(mismatches).hasValue(0);
    }
}
