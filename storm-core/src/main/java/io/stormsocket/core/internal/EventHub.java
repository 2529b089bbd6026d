package io.stormsocket.core.internal;

import io.stormsocket.core.CloseReason;
import io.stormsocket.core.ConnectedHandler;
import io.stormsocket.core.DataHandler;
import io.stormsocket.core.DisconnectedHandler;
import io.stormsocket.core.ErrorHandler;
import io.stormsocket.core.FrameHandler;
import io.stormsocket.core.IdleHandler;
import io.stormsocket.core.IdleKind;
import io.stormsocket.core.Middleware;
import io.stormsocket.core.Payload;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionEvents;
import io.stormsocket.core.Subscription;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers of one server or client, and the code that calls them. Every {@code fire*}
 * method runs handlers in registration order and routes a handler's exception to the error
 * handlers, so one failing handler never stops the others or reaches the event loop.
 *
 * <p>Threading: subscribing is thread-safe; {@code fire*} is called by a session on its event
 * loop or handler executor, one event at a time per session.
 */
public final class EventHub implements SessionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final Listeners<ConnectedHandler> connected = new Listeners<>();
    private final Listeners<DataHandler> data = new Listeners<>();
    private final Listeners<DisconnectedHandler> disconnected = new Listeners<>();
    private final Listeners<ErrorHandler> errors = new Listeners<>();
    private final Listeners<IdleHandler> idle = new Listeners<>();
    private final MiddlewareChain middleware;

    /** Creates a hub without middleware. */
    public EventHub() {
        this(List.of());
    }

    /**
     * Creates a hub whose events pass through middleware first.
     *
     * @param middleware the stages, in order
     */
    public EventHub(List<Middleware> middleware) {
        this.middleware = middleware.isEmpty() ? MiddlewareChain.EMPTY : new MiddlewareChain(middleware);
    }

    MiddlewareChain middleware() {
        return middleware;
    }

    @Override
    public Subscription onConnected(ConnectedHandler handler) {
        return connected.add(Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public Subscription onDataReceived(DataHandler handler) {
        return data.add(Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public <F> Subscription onFrameReceived(Class<F> type, FrameHandler<? super F> handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        return data.add((session, payload) -> {
            Object frame = payload.frame();
            if (type.isInstance(frame)) {
                handler.onFrame(session, type.cast(frame));
            }
        });
    }

    @Override
    public Subscription onDisconnected(DisconnectedHandler handler) {
        return disconnected.add(Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public Subscription onError(ErrorHandler handler) {
        return errors.add(Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public Subscription onIdle(IdleHandler handler) {
        return idle.add(Objects.requireNonNull(handler, "handler"));
    }

    /** Tells whether anyone listens to data; a session without push consumers can skip work. */
    boolean hasDataHandlers() {
        return !data.isEmpty();
    }

    void fireConnected(Session session) {
        middleware.connected(session, this::fireError);
        for (Object entry : connected.snapshot()) {
            try {
                Listeners.<ConnectedHandler>handler(entry).onConnected(session);
            } catch (Throwable t) {
                fireError(session, t);
            }
        }
    }

    /** Delivers a payload to middleware and handlers; releases it (and any replacement) afterwards. */
    void fireData(Session session, Payload payload) {
        Payload delivered = middleware.isEmpty() ? payload : middleware.received(session, payload, this::fireError);
        if (delivered == null) {
            return;
        }
        try {
            for (Object entry : data.snapshot()) {
                try {
                    Listeners.<DataHandler>handler(entry).onData(session, delivered);
                } catch (Throwable t) {
                    fireError(session, t);
                }
            }
        } finally {
            delivered.close();
        }
    }

    void fireDisconnected(Session session, CloseReason reason) {
        middleware.disconnected(session, reason, this::fireError);
        for (Object entry : disconnected.snapshot()) {
            try {
                Listeners.<DisconnectedHandler>handler(entry).onDisconnected(session, reason);
            } catch (Throwable t) {
                fireError(session, t);
            }
        }
    }

    void fireIdle(Session session, IdleKind kind) {
        for (Object entry : idle.snapshot()) {
            try {
                Listeners.<IdleHandler>handler(entry).onIdle(session, kind);
            } catch (Throwable t) {
                fireError(session, t);
            }
        }
    }

    void fireError(Session session, Throwable error) {
        middleware.error(session, error);
        Object[] handlers = errors.snapshot();
        if (handlers.length == 0) {
            if (error instanceof IOException) {
                // A peer that resets or vanishes is ordinary on a network, and any peer can cause it
                // at will: a warning with a stack trace for each would let a flood fill the logs.
                // Formatted only when logged: a reset flood would otherwise pay for a string per reset.
                if (LOG.isDebugEnabled()) {
                    LOG.debug("Unhandled I/O error in session {}: {}", session.id(), error.toString());
                }
            } else {
                LOG.warn("Unhandled error in session {} (subscribe with onError to handle it)", session.id(), error);
            }
            return;
        }
        for (Object entry : handlers) {
            try {
                Listeners.<ErrorHandler>handler(entry).onError(session, error);
            } catch (Throwable t) {
                LOG.warn("onError handler threw while handling {} in session {}", error, session.id(), t);
            }
        }
    }
}
