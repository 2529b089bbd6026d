package io.stormsocket.rpc.internal;

import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormServer;
import io.stormsocket.rpc.RpcOptions;
import io.stormsocket.rpc.RpcServer;

/** The {@link RpcServer}: an {@link RpcEngine} subscribed to a Storm server. */
public final class DefaultRpcServer extends RpcEngine implements RpcServer {
    private final StormServer server;

    /**
     * Wraps a server; use {@link RpcServer#wrap}.
     *
     * @param server a Storm server configured with the RPC codec
     * @param options the RPC options
     */
    public DefaultRpcServer(StormServer server, RpcOptions options) {
        super(server, server.config(), options);
        this.server = server;
    }

    @Override
    public StormFuture<RpcServer> start() {
        StormFuture.Promise<RpcServer> promise = StormFuture.promise();
        server.start().whenComplete((started, failure) -> {
            if (failure != null) {
                promise.fail(failure);
            } else {
                promise.succeed(this);
            }
        });
        return promise.future();
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public StormServer storm() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "RpcServer[" + server + ", " + options() + "]";
    }
}
