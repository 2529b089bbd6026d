package io.stormsocket.benchmarks.rpc;

import io.stormsocket.benchmarks.echo.Proto;
import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormResources;
import io.stormsocket.rpc.RpcClient;
import io.stormsocket.rpc.RpcOptions;
import io.stormsocket.rpc.RpcServer;
import io.stormsocket.websocket.DeflateOptions;
import io.stormsocket.websocket.StormWebSocketClient;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketClientOptions;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the benchmark's RPC server and clients over TCP or WebSocket, the way the storm-rpc
 * documentation shows, and closes everything it built in reverse order. WebSocket runs without
 * permessage-deflate: the benchmark measures RPC, not zlib.
 *
 * <p>Threading: used by the command's main thread only.
 */
final class RpcPeers implements AutoCloseable {
    private static final String PATH = "/rpc";

    private final Proto proto;
    private final RpcOptions rpc;
    private final StormResources clientThreads;
    private final List<AutoCloseable> resources = new ArrayList<>();

    RpcPeers(Proto proto, RpcOptions rpc, int clientIoThreads) {
        this.proto = proto;
        this.rpc = rpc;
        this.clientThreads = StormResources.create(clientIoThreads);
        resources.add(clientThreads);
    }

    /** Starts an echoing RPC server on a free port of 127.0.0.1 and returns the port. */
    int startServer() {
        ServerConfig.Builder config = ServerConfig.builder().endpoint(Endpoint.tcp("127.0.0.1", 0));
        RpcServer server;
        if (proto == Proto.WS) {
            StormWebSocketServer ws = StormWebSocketServer.create(config, WebSocketServerOptions.builder()
                    .paths(PATH)
                    .messageCodec(rpc.messageCodec())
                    .compression(DeflateOptions.disabled())
                    .build());
            resources.add(ws);
            server = RpcServer.wrap(ws.storm(), rpc);
            server.onRequest(Echo.class, (session, request) -> request);
            ws.start().join();
        } else {
            server = RpcServer.create(config, rpc);
            resources.add(server);
            server.onRequest(Echo.class, (session, request) -> request);
            server.start().join();
        }
        return server.port();
    }

    /** Creates and connects one client. */
    RpcClient connect(String host, int port) {
        ClientConfig.Builder config = ClientConfig.builder().resources(clientThreads);
        RpcClient client;
        if (proto == Proto.WS) {
            StormWebSocketClient ws = StormWebSocketClient.create(URI.create("ws://" + host + ":" + port + PATH), config,
                    WebSocketClientOptions.builder()
                            .messageCodec(rpc.messageCodec())
                            .compression(DeflateOptions.disabled())
                            .build());
            resources.add(ws);
            client = RpcClient.wrap(ws.storm(), rpc);
        } else {
            client = RpcClient.create(config.endpoint(host, port), rpc);
            resources.add(client);
        }
        client.connect().join();
        return client;
    }

    @Override
    public void close() {
        IllegalStateException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the RPC peers failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
