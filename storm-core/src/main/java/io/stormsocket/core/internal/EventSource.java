package io.stormsocket.core.internal;

import io.stormsocket.core.ConnectedHandler;
import io.stormsocket.core.DataHandler;
import io.stormsocket.core.DisconnectedHandler;
import io.stormsocket.core.ErrorHandler;
import io.stormsocket.core.FrameHandler;
import io.stormsocket.core.IdleHandler;
import io.stormsocket.core.Middleware;
import io.stormsocket.core.SessionEvents;
import io.stormsocket.core.Subscription;
import java.util.List;

/**
 * The subscription side of a server or client: every {@code onX} goes to one {@link EventHub},
 * which its sessions fire. Servers and clients extend it.
 */
abstract class EventSource implements SessionEvents {
    final EventHub hub;

    EventSource(List<Middleware> middleware) {
        this.hub = new EventHub(middleware);
    }

    @Override
    public Subscription onConnected(ConnectedHandler handler) {
        return hub.onConnected(handler);
    }

    @Override
    public Subscription onDataReceived(DataHandler handler) {
        return hub.onDataReceived(handler);
    }

    @Override
    public <F> Subscription onFrameReceived(Class<F> type, FrameHandler<? super F> handler) {
        return hub.onFrameReceived(type, handler);
    }

    @Override
    public Subscription onDisconnected(DisconnectedHandler handler) {
        return hub.onDisconnected(handler);
    }

    @Override
    public Subscription onError(ErrorHandler handler) {
        return hub.onError(handler);
    }

    @Override
    public Subscription onIdle(IdleHandler handler) {
        return hub.onIdle(handler);
    }
}
