package io.stormsocket.websocket.internal;

import io.stormsocket.websocket.WebSocketCloseStatus;

/**
 * Written by a graceful session close: {@link FrameWriter} sends the Close frame and completes the
 * write when the closing handshake is over.
 *
 * @param status the status to send
 */
record CloseIntent(WebSocketCloseStatus status) {
}
