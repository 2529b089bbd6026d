package io.stormsocket.websocket;

import io.stormsocket.core.ConnectedHandler;
import io.stormsocket.core.DisconnectedHandler;
import io.stormsocket.core.ErrorHandler;
import io.stormsocket.core.SessionEvents;
import io.stormsocket.core.Subscription;

/**
 * The events of a WebSocket server or client: the Storm session events, plus whole messages.
 * Subscribing returns a {@link Subscription}; handlers run as Storm's do (the session's event loop
 * or the handler executor, one at a time per session, in order).
 */
public interface WebSocketEvents {

    /**
     * Returns the underlying Storm server's or client's events.
     *
     * @return the session events
     */
    SessionEvents events();

    /**
     * Subscribes to sessions that completed the upgrade (each reconnect of a client included).
     *
     * @param handler the handler
     * @return a subscription
     */
    default Subscription onConnected(ConnectedHandler handler) {
        return events().onConnected(handler);
    }

    /**
     * Subscribes to messages.
     *
     * @param handler the handler
     * @return a subscription
     */
    default Subscription onMessageReceived(MessageHandler handler) {
        return events().onDataReceived((session, data) -> handler.onMessage(session, data.frame(WebSocketMessage.class)));
    }

    /**
     * Subscribes to closed sessions; {@link WebSocketSession#peerCloseStatus()} has the peer's code.
     *
     * @param handler the handler
     * @return a subscription
     */
    default Subscription onDisconnected(DisconnectedHandler handler) {
        return events().onDisconnected(handler);
    }

    /**
     * Subscribes to errors: handler failures, protocol violations, failed handshakes.
     *
     * @param handler the handler
     * @return a subscription
     */
    default Subscription onError(ErrorHandler handler) {
        return events().onError(handler);
    }
}
