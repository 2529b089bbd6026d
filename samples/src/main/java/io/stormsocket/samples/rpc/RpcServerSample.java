package io.stormsocket.samples.rpc;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.rpc.RpcOptions;
import io.stormsocket.rpc.RpcServer;
import io.stormsocket.samples.rpc.WeatherProtocol.ClientInfo;
import io.stormsocket.samples.rpc.WeatherProtocol.WeatherRequest;
import io.stormsocket.samples.rpc.WeatherProtocol.WeatherResponse;
import io.stormsocket.samples.rpc.WeatherProtocol.WhoAreYou;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A typed RPC server on TCP: answers {@link WeatherRequest}s, and asks every client that connects
 * who it is ({@link WhoAreYou}), printing all of it.
 *
 * <p>Threading: handlers run on the sessions' event loops; the question to a new client is sent
 * from its {@code onConnected} handler and its answer is handled by a callback, never awaited there.
 */
public final class RpcServerSample {
    private static final List<String> SKIES = List.of("sunny", "cloudy", "rainy", "windy", "foggy", "snowy");
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    private RpcServerSample() {
    }

    /**
     * Creates and starts the server.
     *
     * @param port the port, 0 for any free one
     * @param out where the server says what it does
     * @return the running server
     */
    public static RpcServer start(int port, PrintStream out) {
        RpcServer server = RpcServer.create(ServerConfig.builder().port(port), RpcOptions.defaults());
        server.onRequest(WeatherRequest.class, (session, request) -> {
            WeatherResponse response = forecast(request.city());
            out.println("#" + session.id() + " asked about " + request.city() + ": " + response.forecast());
            return response;
        });
        server.storm().onConnected(session -> askWhoItIs(server, session, out));
        server.storm().onDisconnected((session, reason) -> out.println("#" + session.id() + " left (" + reason + ")"));
        try {
            server.start().join();
        } catch (RuntimeException e) {
            server.close(); // frees the event loops, so a failed start does not keep the JVM alive
            throw e;
        }
        return server;
    }

    private static void askWhoItIs(RpcServer server, Session session, PrintStream out) {
        out.println("#" + session.id() + " connected from " + session.remoteAddress() + "; asking who it is");
        server.request(session, new WhoAreYou(Instant.now().toString()), ASK_TIMEOUT).whenComplete((info, error) -> {
            if (error != null) {
                out.println("#" + session.id() + " did not say who it is: " + error);
            } else {
                out.println(describe(session, info));
            }
        });
    }

    static String describe(Session session, ClientInfo info) {
        return "#" + session.id() + " is " + info.name() + ", local time " + info.localTime() + " (" + info.zone() + ")";
    }

    /** Makes up a forecast that stays the same for a city, so runs are repeatable. */
    static WeatherResponse forecast(String city) {
        int hash = Math.floorMod(city.toLowerCase(java.util.Locale.ROOT).hashCode(), 1000);
        return new WeatherResponse(city, SKIES.get(hash % SKIES.size()) + ", " + (hash % 30 - 5) + " C");
    }

    /**
     * Runs the sample until the process is stopped.
     *
     * @param port the port
     * @throws InterruptedException when interrupted
     */
    public static void runUntilStopped(int port) throws InterruptedException {
        RpcServer server = start(port, System.out);
        System.out.println("RPC server on port " + server.port() + "; try: ./storm-sample rpc-client");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }
}
