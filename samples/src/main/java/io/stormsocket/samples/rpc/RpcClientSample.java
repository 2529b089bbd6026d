package io.stormsocket.samples.rpc;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.rpc.RpcClient;
import io.stormsocket.rpc.RpcOptions;
import io.stormsocket.samples.rpc.WeatherProtocol.ClientInfo;
import io.stormsocket.samples.rpc.WeatherProtocol.WeatherRequest;
import io.stormsocket.samples.rpc.WeatherProtocol.WeatherResponse;
import io.stormsocket.samples.rpc.WeatherProtocol.WhoAreYou;
import java.io.PrintStream;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A typed RPC client on TCP: answers the server's {@link WhoAreYou} and asks it for forecasts.
 *
 * <p>Threading: the {@code WhoAreYou} handler runs on the connection's event loop; the forecast
 * requests are made and awaited on the caller's thread.
 */
public final class RpcClientSample implements AutoCloseable {
    /** The cities the command-line client asks about. */
    public static final List<String> CITIES = List.of("Bonn", "Lisbon", "Oslo");

    private final RpcClient client;
    private final CompletableFuture<WhoAreYou> asked = new CompletableFuture<>();

    private RpcClientSample(String host, int port, String name, PrintStream out) {
        client = RpcClient.create(ClientConfig.builder().endpoint(host, port), RpcOptions.defaults());
        // registered before connecting: the server asks as soon as the connection is up
        client.onRequest(WhoAreYou.class, (session, question) -> {
            ClientInfo info = new ClientInfo(name,
                    ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME), ZoneId.systemDefault().getId());
            out.println("server (clock " + question.serverTime() + ") asked who we are; answering " + info.name());
            asked.complete(question);
            return info;
        });
        try {
            client.connect().join();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        out.println("connected to " + host + ":" + port + " as " + name);
    }

    /**
     * Connects a client that answers the server's question with the given name.
     *
     * @param host the server's host
     * @param port the server's port
     * @param name the name the client gives
     * @param out where the client says what it does
     * @return the connected client
     */
    public static RpcClientSample connect(String host, int port, String name, PrintStream out) {
        return new RpcClientSample(host, port, name, out);
    }

    /** {@return the underlying RPC client} */
    public RpcClient client() {
        return client;
    }

    /** {@return completes with the server's question once it has been answered} */
    public CompletableFuture<WhoAreYou> asked() {
        return asked;
    }

    /**
     * Asks the server for a city's forecast and waits for it.
     *
     * @param city the city
     * @param out where the answer is printed
     * @return the forecast
     */
    public WeatherResponse forecast(String city, PrintStream out) {
        WeatherResponse response = client.request(new WeatherRequest(city)).join();
        out.println(response.city() + ": " + response.forecast());
        return response;
    }

    /**
     * Connects, waits for the server's question, asks about {@link #CITIES} and disconnects.
     *
     * @param host the server's host
     * @param port the server's port
     * @throws Exception if the server cannot be reached or does not answer
     */
    public static void runOnce(String host, int port) throws Exception {
        try (RpcClientSample sample = connect(host, port, System.getProperty("user.name", "rpc-client"), System.out)) {
            for (String city : CITIES) {
                sample.forecast(city, System.out);
            }
            try {
                sample.asked().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                System.out.println("the server did not ask who we are within 5 s");
            }
            System.out.println("done; disconnecting");
        }
    }

    /** Disconnects. */
    @Override
    public void close() {
        client.close();
    }
}
