package io.stormsocket.websocket.internal;

import io.stormsocket.websocket.WebSocketCloseStatus;

/**
 * Written by a graceful session close: {@link FrameWriter} sends the Close frame and completes the
 * write when the closing handshake is over, or, when {@code awaitPeer} is false, as soon as the
 * Close frame is flushed (the peer is presumed gone, so waiting for its answer would only keep a
 * dead session registered for the close timeout).
 *
 * @param status the status to send
 * @param awaitPeer whether to wait for the peer's Close before the connection ends
 */
record CloseIntent(WebSocketCloseStatus status, boolean awaitPeer) {
}
