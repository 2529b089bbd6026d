package io.stormsocket.rpc;

import io.stormsocket.core.Session;

/**
 * Answers requests of one type synchronously.
 *
 * <p>Threading: called on the session's event loop (or Storm's handler executor); must not block
 * (use {@link AsyncRequestHandler} for work that waits). A thrown exception goes back to the caller
 * as a {@link RemoteException}.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
@FunctionalInterface
public interface RequestHandler<Q extends Request<R>, R> {
    /**
     * Answers a request.
     *
     * @param session the session it came from
     * @param request the deserialized request
     * @return the response, never {@code null}
     * @throws Exception sent back to the caller as a {@link RemoteException}
     */
    R handle(Session session, Q request) throws Exception;
}
