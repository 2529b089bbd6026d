package io.stormsocket.rpc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.rpc.RemoteException;
import io.stormsocket.rpc.Request;
import io.stormsocket.rpc.RpcClient;
import io.stormsocket.rpc.RpcOptions;
import io.stormsocket.rpc.RpcServer;
import io.stormsocket.testing.StormExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The code of the README's RPC section, compiled and run: every snippet there equals a
 * {@code // README:NAME ... // END} region of this class, which storm-core's ReadmeSnippetsTest checks.
 */
class RpcReadmeExamplesTest {

    @RegisterExtension
    final StormExtension storm = new StormExtension();

    // README:rpc-types
    record WeatherRequest(String city) implements Request<WeatherResponse> {
    }

    record WeatherResponse(String forecast) {
    }

    record Alert(String text) {
    }
    // END

    @Test
    void weatherEndToEnd() throws Exception {
        // README:rpc-server
        RpcServer server = RpcServer.create(ServerConfig.builder().port(0), RpcOptions.defaults());
        server.onRequest(WeatherRequest.class, (session, request) ->
                new WeatherResponse("Sunny in " + request.city()));
        server.start().join();
        // END
        storm.closeAfter(server);

        // README:rpc-client
        RpcClient client = RpcClient.create(ClientConfig.builder().endpoint("127.0.0.1", server.port()),
                RpcOptions.defaults());
        client.connect().join();
        WeatherResponse response = client.request(new WeatherRequest("Bonn")).join();
        System.out.println(response.forecast()); // Sunny in Bonn
        // END
        storm.closeAfter(client);
        assertThat(response.forecast()).isEqualTo("Sunny in Bonn");

        LinkedBlockingQueue<Alert> alerts = new LinkedBlockingQueue<>();
        client.onMessage(Alert.class, (session, alert) -> alerts.add(alert));
        // README:rpc-push
        server.storm().sessions().all().forEach(session -> server.send(session, new Alert("storm warning")));
        // END
        assertThat(alerts.poll(10, TimeUnit.SECONDS)).isEqualTo(new Alert("storm warning"));
    }

    @Test
    void errorsTimeoutsAndAsyncHandlers() {
        RpcServer server = storm.closeAfter(RpcServer.create(ServerConfig.builder().port(0), RpcOptions.defaults()));
        // README:rpc-async
        server.onRequestAsync(WeatherRequest.class, (session, request) -> {
            if (request.city().isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("which city?"));
            }
            return CompletableFuture.supplyAsync(() -> new WeatherResponse("Rain in " + request.city()));
        });
        // END
        server.start().join();
        // README:rpc-options
        RpcOptions options = RpcOptions.builder()
                .defaultTimeout(Duration.ofSeconds(5))     // requests that name no timeout
                .maxInFlight(1_000)                        // more pending requests per session fail fast
                .heartbeatInterval(Duration.ofSeconds(10)) // ping every 10 s ...
                .receiveTimeout(Duration.ofSeconds(30))    // ... close after 30 s of silence
                .build();
        // END
        RpcClient client = storm.closeAfter(RpcClient.create(
                ClientConfig.builder().endpoint("127.0.0.1", server.port()), options));
        client.connect().join();

        // README:rpc-errors
        client.request(new WeatherRequest(""), Duration.ofSeconds(2))
                .whenComplete((answer, failure) -> {
                    if (failure instanceof RemoteException remote) {
                        System.out.println(remote.remoteType() + ": " + remote.remoteMessage());
                        // java.lang.IllegalArgumentException: which city?
                    }
                });
        // END
        Throwable failure = io.stormsocket.testing.Await.failure(client.request(new WeatherRequest("")));
        assertThat(failure).isInstanceOf(RemoteException.class).hasMessageContaining("which city?");
        assertThat(client.request(new WeatherRequest("Köln")).join().forecast()).isEqualTo("Rain in Köln");
    }
}
