package io.stormsocket.rpc;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormServer;
import io.stormsocket.rpc.internal.DefaultRpcServer;
import java.util.Objects;

/**
 * A typed RPC server: a {@link StormServer} speaking the RPC envelope.
 *
 * <pre>{@code
 * RpcServer server = RpcServer.create(ServerConfig.builder().port(9000), RpcOptions.defaults());
 * server.onRequest(WeatherRequest.class, (session, request) -> new WeatherResponse("Sunny in " + request.city()));
 * server.start().join();
 * }</pre>
 *
 * <p>Connection events (connected, disconnected, errors) and the session registry are those of
 * {@link #storm()}.
 *
 * <p>Lifecycle: {@link #close()} closes the underlying server, failing every pending call.
 */
public interface RpcServer extends RpcEndpoint, AutoCloseable {
    /**
     * Creates (does not start) a server; the configuration's codec is replaced by the RPC codec.
     *
     * @param config the Storm server configuration
     * @param options the RPC options
     * @return the server
     */
    static RpcServer create(ServerConfig.Builder config, RpcOptions options) {
        Objects.requireNonNull(options, "options");
        return wrap(StormServer.create(config.codec(options.codec()).build()), options);
    }

    /**
     * Wraps a Storm server configured with {@link RpcOptions#codec()} of the same options; call
     * before the server starts so that no session is missed.
     *
     * @param server the Storm server
     * @param options the RPC options
     * @return the RPC server
     * @throws IllegalArgumentException if the server's codec is not the RPC codec
     */
    static RpcServer wrap(StormServer server, RpcOptions options) {
        return new DefaultRpcServer(server, options);
    }

    /**
     * Starts the underlying server.
     *
     * @return completes when it listens
     */
    StormFuture<RpcServer> start();

    /**
     * Returns the port the server listens on.
     *
     * @return the bound port
     */
    int port();

    /**
     * Returns the underlying Storm server, for its events, sessions and groups.
     *
     * @return the Storm server
     */
    StormServer storm();

    /** Closes the underlying server. */
    @Override
    void close();
}
