package io.stormsocket.rpc;

import io.stormsocket.core.Session;
import java.util.concurrent.CompletionStage;

/**
 * Answers requests of one type asynchronously: the response is sent when the returned stage
 * completes. If the caller cancels its request, a returned {@link java.util.concurrent.CompletableFuture}
 * is cancelled and nothing is sent.
 *
 * <p>Threading: called on the session's event loop (or Storm's handler executor); return quickly.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
@FunctionalInterface
public interface AsyncRequestHandler<Q extends Request<R>, R> {
    /**
     * Starts answering a request.
     *
     * @param session the session it came from
     * @param request the deserialized request
     * @return completes with the response, or exceptionally with what the caller gets as a
     *     {@link RemoteException}
     * @throws Exception sent back to the caller as a {@link RemoteException}
     */
    CompletionStage<R> handle(Session session, Q request) throws Exception;
}
