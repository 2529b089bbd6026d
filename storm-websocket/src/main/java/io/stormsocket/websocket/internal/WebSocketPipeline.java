package io.stormsocket.websocket.internal;

/**
 * Names of the WebSocket handlers, which take the place of core's frame decoder. Before the
 * upgrade: {@code HTTP} then {@code HANDSHAKE}; after it: {@code WRITER} (outbound) then
 * {@code DECODER}, both ahead of core's session dispatch.
 */
final class WebSocketPipeline {
    /** Netty's HTTP/1.1 codec, for the upgrade request and response only. */
    static final String HTTP = "storm-ws-http";
    /** The server's or client's side of the opening handshake. */
    static final String HANDSHAKE = "storm-ws-handshake";
    /** Compression and the closing handshake. */
    static final String WRITER = "storm-ws-writer";
    /** Frames to messages. */
    static final String DECODER = "storm-ws-decoder";

    private WebSocketPipeline() {
    }
}
