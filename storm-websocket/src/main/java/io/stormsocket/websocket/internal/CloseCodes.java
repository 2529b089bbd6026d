package io.stormsocket.websocket.internal;

import io.stormsocket.core.CloseReason;
import io.stormsocket.websocket.WebSocketCloseStatus;

/** Maps Storm's close reasons to the Close codes sent for them. */
final class CloseCodes {
    private CloseCodes() {
    }

    static WebSocketCloseStatus forReason(CloseReason reason) {
        return switch (reason) {
            case SHUTDOWN -> new WebSocketCloseStatus(WebSocketCloseStatus.GOING_AWAY, "server shutting down");
            case IDLE_TIMEOUT -> new WebSocketCloseStatus(WebSocketCloseStatus.GOING_AWAY, "idle timeout");
            case HEARTBEAT_TIMEOUT -> new WebSocketCloseStatus(WebSocketCloseStatus.GOING_AWAY, "heartbeat timeout");
            case PROTOCOL_ERROR -> WebSocketCloseStatus.of(WebSocketCloseStatus.PROTOCOL_ERROR);
            case SLOW_CONSUMER -> new WebSocketCloseStatus(WebSocketCloseStatus.POLICY_VIOLATION, "slow consumer");
            case RATE_LIMITED -> new WebSocketCloseStatus(WebSocketCloseStatus.POLICY_VIOLATION, "rate limited");
            case ERROR -> WebSocketCloseStatus.of(WebSocketCloseStatus.INTERNAL_ERROR);
            default -> WebSocketCloseStatus.of(WebSocketCloseStatus.NORMAL);
        };
    }
}
