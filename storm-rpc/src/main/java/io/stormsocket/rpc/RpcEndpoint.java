package io.stormsocket.rpc;

import io.stormsocket.core.SendResult;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.Subscription;
import java.time.Duration;

/**
 * What both ends of an RPC connection can do: register handlers per message type, and send
 * messages and requests to a session. {@link RpcServer} and {@link RpcClient} are endpoints, so a
 * server can call its clients just as clients call the server.
 *
 * <p>Types: a class is identified on the wire by a type tag, its fully qualified name. Only classes
 * registered locally (by a handler registration, or by sending or expecting them) are ever
 * instantiated from the wire; an envelope naming any other tag is refused with a
 * {@link NoHandlerException} error and {@link #onUnhandled} is raised. The tag is only a key into
 * that registry: no class is ever loaded by a name the peer sent.
 *
 * <p>Threading: every method may be called from any thread. Handlers run on the session's event
 * loop (or Storm's handler executor) and must not block; returned futures complete there too.
 */
public interface RpcEndpoint {
    /**
     * Registers the handler of one-way messages of a type; one handler per type.
     *
     * @param type the message class
     * @param handler gets each message
     * @param <M> the message type
     * @return unregisters the handler
     * @throws IllegalStateException if the type already has a handler
     */
    <M> Subscription onMessage(Class<M> type, MessageHandler<? super M> handler);

    /**
     * Registers the synchronous handler of requests of a type; one handler per type.
     *
     * @param type the request class
     * @param handler answers each request
     * @param <Q> the request type
     * @param <R> the response type
     * @return unregisters the handler
     * @throws IllegalStateException if the type already has a handler
     */
    <Q extends Request<R>, R> Subscription onRequest(Class<Q> type, RequestHandler<Q, R> handler);

    /**
     * Registers the asynchronous handler of requests of a type; one handler per type.
     *
     * @param type the request class
     * @param handler starts answering each request
     * @param <Q> the request type
     * @param <R> the response type
     * @return unregisters the handler
     * @throws IllegalStateException if the type already has a handler
     */
    <Q extends Request<R>, R> Subscription onRequestAsync(Class<Q> type, AsyncRequestHandler<Q, R> handler);

    /**
     * Subscribes to messages and requests that arrived without a handler.
     *
     * @param handler told about each
     * @return cancels the subscription
     */
    Subscription onUnhandled(UnhandledHandler handler);

    /**
     * Sends a one-way message.
     *
     * @param session where to send it
     * @param message the message; its class becomes a registered type
     * @return completes when written, or with the send's failure (a serialization failure included)
     */
    StormFuture<SendResult> send(Session session, Object message);

    /**
     * Sends a request with the default timeout ({@link RpcOptions#defaultTimeout()}).
     *
     * @param session where to send it
     * @param request the request
     * @param <R> the response type
     * @return the response; fails with {@link RemoteException}, {@link RequestTimeoutException},
     *     {@link InFlightLimitException} or {@link io.stormsocket.core.SessionClosedException};
     *     cancelling it, or its timing out, sends a cancel to the peer
     */
    <R> StormFuture<R> request(Session session, Request<R> request);

    /**
     * Sends a request with its own timeout.
     *
     * @param session where to send it
     * @param request the request
     * @param timeout how long to wait for the response; positive
     * @param <R> the response type
     * @return the response, as for {@link #request(Session, Request)}
     */
    <R> StormFuture<R> request(Session session, Request<R> request, Duration timeout);

    /**
     * Returns the options.
     *
     * @return the options
     */
    RpcOptions options();
}
