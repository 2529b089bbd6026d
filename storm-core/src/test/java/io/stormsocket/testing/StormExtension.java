package io.stormsocket.testing;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Creates servers on 127.0.0.1 port 0 and clients for a test, and closes them all (clients first)
 * after it.
 *
 * <pre>{@code
 * @RegisterExtension final StormExtension storm = new StormExtension();
 *
 * StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()));
 * server.onDataReceived((s, d) -> s.send(d));
 * storm.start(server);
 * StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
 * }</pre>
 */
public final class StormExtension implements AfterEachCallback {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /**
     * Creates (does not start) a server on 127.0.0.1 with an ephemeral port, unless the builder
     * already names another endpoint.
     *
     * @param config the configuration; its endpoint is replaced by 127.0.0.1:0 if it is the default
     * @return the server, closed after the test
     */
    public StormServer server(ServerConfig.Builder config) {
        ServerConfig built = config.build();
        if (built.endpoint().equals(Endpoint.tcp(ServerConfig.DEFAULT_PORT))) {
            built = built.toBuilder().endpoint(Endpoint.tcp("127.0.0.1", 0)).build();
        }
        StormServer server = StormServer.create(built);
        resources.push(server);
        return server;
    }

    /**
     * Starts a server and waits until it is bound.
     *
     * @param server the server
     * @return the server
     */
    public StormServer start(StormServer server) {
        Await.result(server.start());
        return server;
    }

    /**
     * Creates (does not connect) a client aimed at a started server's TCP port on 127.0.0.1.
     *
     * @param config the configuration; its endpoint is replaced
     * @param server a started server
     * @return the client, closed after the test
     */
    public StormClient client(ClientConfig.Builder config, StormServer server) {
        return client(config.endpoint("127.0.0.1", server.port()));
    }

    /**
     * Creates (does not connect) a client.
     *
     * @param config the full configuration
     * @return the client, closed after the test
     */
    public StormClient client(ClientConfig.Builder config) {
        StormClient client = StormClient.create(config.build());
        resources.push(client);
        return client;
    }

    /**
     * Closes something after the test, in reverse order of registration.
     *
     * @param resource what to close
     * @param <T> its type
     * @return the resource
     */
    public <T extends AutoCloseable> T closeAfter(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
