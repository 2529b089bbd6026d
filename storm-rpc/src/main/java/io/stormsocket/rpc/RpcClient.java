package io.stormsocket.rpc;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.SendResult;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormFuture;
import io.stormsocket.rpc.internal.DefaultRpcClient;
import java.time.Duration;
import java.util.Objects;

/**
 * A typed RPC client: a {@link StormClient} speaking the RPC envelope. With the client's
 * reconnect policy the handlers stay registered across reconnects; calls pending when a
 * connection drops fail with {@link io.stormsocket.core.SessionClosedException}.
 *
 * <pre>{@code
 * RpcClient client = RpcClient.create(ClientConfig.builder().endpoint("localhost", 9000), RpcOptions.defaults());
 * client.connect().join();
 * WeatherResponse response = client.request(new WeatherRequest("Bonn")).join();
 * }</pre>
 */
public interface RpcClient extends RpcEndpoint, AutoCloseable {
    /**
     * Creates (does not connect) a client; the configuration's codec is replaced by the RPC codec.
     *
     * @param config the Storm client configuration
     * @param options the RPC options
     * @return the client
     */
    static RpcClient create(ClientConfig.Builder config, RpcOptions options) {
        Objects.requireNonNull(options, "options");
        return wrap(StormClient.create(config.codec(options.codec()).build()), options);
    }

    /**
     * Wraps a Storm client configured with {@link RpcOptions#codec()}; call before it connects.
     *
     * @param client the Storm client
     * @param options the RPC options
     * @return the RPC client
     * @throws IllegalArgumentException if the client's codec is not the RPC codec
     */
    static RpcClient wrap(StormClient client, RpcOptions options) {
        return new DefaultRpcClient(client, options);
    }

    /**
     * Connects the underlying client.
     *
     * @return the session once connected
     */
    StormFuture<Session> connect();

    /**
     * Sends a one-way message on the current connection.
     *
     * @param message the message
     * @return as {@link #send(Session, Object)}; fails with
     *     {@link io.stormsocket.core.SessionClosedException} while disconnected
     */
    StormFuture<SendResult> send(Object message);

    /**
     * Sends a request on the current connection with the default timeout.
     *
     * @param request the request
     * @param <R> the response type
     * @return as {@link #request(Session, Request)}
     */
    <R> StormFuture<R> request(Request<R> request);

    /**
     * Sends a request on the current connection with its own timeout.
     *
     * @param request the request
     * @param timeout positive
     * @param <R> the response type
     * @return as {@link #request(Session, Request, Duration)}
     */
    <R> StormFuture<R> request(Request<R> request, Duration timeout);

    /**
     * Returns the underlying Storm client, for its events and state.
     *
     * @return the Storm client
     */
    StormClient storm();

    /** Closes the underlying client. */
    @Override
    void close();
}
