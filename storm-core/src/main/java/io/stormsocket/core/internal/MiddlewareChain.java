package io.stormsocket.core.internal;

import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Middleware;
import io.stormsocket.core.Payload;
import io.stormsocket.core.Session;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a configured list of {@link Middleware} hooks in order (disconnects in reverse), managing
 * payload ownership: a payload a stage replaces or suppresses is released here.
 *
 * <p>Threading: immutable; hooks run on the calling thread.
 */
final class MiddlewareChain {
    private static final Logger LOG = LoggerFactory.getLogger(MiddlewareChain.class);
    static final MiddlewareChain EMPTY = new MiddlewareChain(List.of());

    private final Middleware[] stages;

    MiddlewareChain(List<Middleware> stages) {
        this.stages = stages.toArray(new Middleware[0]);
    }

    boolean isEmpty() {
        return stages.length == 0;
    }

    void connected(Session session, BiConsumer<Session, Throwable> onFailure) {
        for (Middleware stage : stages) {
            try {
                stage.onConnected(session);
            } catch (Throwable t) {
                onFailure.accept(session, t);
            }
        }
    }

    /**
     * Passes a received payload through every stage; a stage that throws is reported and the frame
     * suppressed.
     *
     * @return the payload to deliver (owned by the caller), or {@code null} when suppressed; the
     *     input is released here if it was replaced or suppressed
     */
    Payload received(Session session, Payload data, BiConsumer<Session, Throwable> onFailure) {
        try {
            return pass(session, data, Middleware::onDataReceived);
        } catch (Exception e) {
            onFailure.accept(session, e);
            return null;
        }
    }

    /**
     * Passes outgoing data through every stage; exceptions propagate to fail the send.
     *
     * @return the payload to send (owned by the caller), or {@code null} when suppressed
     */
    Payload sending(Session session, Payload data) throws Exception {
        return pass(session, data, Middleware::onDataSending);
    }

    /** Runs one data hook of every stage, releasing each payload a stage replaced, suppressed or failed on. */
    private Payload pass(Session session, Payload data, DataHook hook) throws Exception {
        Payload current = data;
        for (Middleware stage : stages) {
            Payload next;
            try {
                Optional<Payload> result = hook.apply(stage, session, current);
                next = result == null ? null : result.orElse(null);
            } catch (Exception e) {
                current.close();
                throw e;
            }
            if (next != current) {
                current.close();
            }
            if (next == null) {
                return null;
            }
            current = next;
        }
        return current;
    }

    /** One of the two data hooks of {@link Middleware}. */
    @FunctionalInterface
    private interface DataHook {
        Optional<Payload> apply(Middleware stage, Session session, Payload data) throws Exception;
    }

    void disconnected(Session session, CloseReason reason, BiConsumer<Session, Throwable> onFailure) {
        for (int i = stages.length - 1; i >= 0; i--) {
            try {
                stages[i].onDisconnected(session, reason);
            } catch (Throwable t) {
                onFailure.accept(session, t);
            }
        }
    }

    void error(Session session, Throwable error) {
        for (Middleware stage : stages) {
            try {
                stage.onError(session, error);
            } catch (Throwable t) {
                LOG.warn("Middleware {} threw in onError for session {}", stage, session.id(), t);
            }
        }
    }
}
