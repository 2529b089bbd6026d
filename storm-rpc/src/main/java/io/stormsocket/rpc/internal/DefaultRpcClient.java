package io.stormsocket.rpc.internal;

import io.stormsocket.core.SendResult;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionClosedException;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormFuture;
import io.stormsocket.rpc.Request;
import io.stormsocket.rpc.RpcClient;
import io.stormsocket.rpc.RpcOptions;
import java.time.Duration;
import java.util.Optional;

/** The {@link RpcClient}: an {@link RpcEngine} subscribed to a Storm client. */
public final class DefaultRpcClient extends RpcEngine implements RpcClient {
    private final StormClient client;

    /**
     * Wraps a client; use {@link RpcClient#wrap}.
     *
     * @param client a Storm client configured with the RPC codec
     * @param options the RPC options
     */
    public DefaultRpcClient(StormClient client, RpcOptions options) {
        super(client, client.config(), options);
        this.client = client;
    }

    @Override
    public StormFuture<Session> connect() {
        return client.connect();
    }

    @Override
    public StormFuture<SendResult> send(Object message) {
        Optional<Session> session = client.session();
        return session.isPresent() ? send(session.get(), message) : StormFuture.failed(notConnected());
    }

    @Override
    public <R> StormFuture<R> request(Request<R> request) {
        return request(request, options().defaultTimeout());
    }

    @Override
    public <R> StormFuture<R> request(Request<R> request, Duration timeout) {
        Optional<Session> session = client.session();
        return session.isPresent() ? request(session.get(), request, timeout) : StormFuture.failed(notConnected());
    }

    private static SessionClosedException notConnected() {
        return new SessionClosedException("the RPC client is not connected");
    }

    @Override
    public StormClient storm() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "RpcClient[" + client + ", " + options() + "]";
    }
}
