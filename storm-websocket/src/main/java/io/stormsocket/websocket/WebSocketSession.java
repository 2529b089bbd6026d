package io.stormsocket.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.SendResult;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormFuture;
import io.stormsocket.websocket.internal.WebSocketConnection;
import java.util.Objects;
import java.util.Optional;

/**
 * The WebSocket side of a {@link Session}: what the handshake negotiated, close codes, explicit
 * text or binary sends, pings and pongs. Everything else — sending, groups, broadcast, attributes,
 * backpressure — is the session's own: {@code session.send(String)} sends a text message,
 * {@code session.send(byte[])} a binary one.
 *
 * <pre>{@code
 * WebSocketSession ws = WebSocketSession.of(session);
 * ws.close(4001, "token expired");
 * }</pre>
 *
 * <p>Threading: thread-safe, like the session.
 */
public final class WebSocketSession {
    private final Session session;
    private final WebSocketConnection connection;

    private WebSocketSession(Session session, WebSocketConnection connection) {
        this.session = session;
        this.connection = connection;
    }

    /**
     * Returns the WebSocket view of a session.
     *
     * @param session a session of a {@link StormWebSocketServer} or {@link StormWebSocketClient}
     * @return its WebSocket view
     * @throws IllegalArgumentException if the session is not a WebSocket session
     */
    public static WebSocketSession of(Session session) {
        Objects.requireNonNull(session, "session");
        return WebSocketConnection.of(session).map(c -> new WebSocketSession(session, c))
                .orElseThrow(() -> new IllegalArgumentException(session + " is not a WebSocket session"));
    }

    /** {@return the underlying session} */
    public Session session() {
        return session;
    }

    /** {@return the subprotocol the handshake agreed on, if any} */
    public Optional<String> subprotocol() {
        return connection.subprotocol();
    }

    /** {@return the path the upgrade was made on} */
    public String path() {
        return connection.path();
    }

    /** {@return whether permessage-deflate is in use} */
    public boolean isCompressed() {
        return connection.compressed();
    }

    /**
     * Returns the code and reason of the peer's Close frame, once it arrived: read it in
     * {@code onDisconnected}. Empty when the peer closed without a code or without a Close frame.
     *
     * @return the peer's close status, if any
     */
    public Optional<WebSocketCloseStatus> peerCloseStatus() {
        return connection.peerCloseStatus();
    }

    /**
     * Sends a text message.
     *
     * @param text the text
     * @return completes as {@link Session#send(String)} does
     */
    public StormFuture<SendResult> sendText(String text) {
        return session.send(text);
    }

    /**
     * Sends a text message from bytes already encoded as UTF-8, taking ownership of the buffer; a
     * send of invalid UTF-8 fails.
     *
     * @param utf8 the encoded text
     * @return completes as {@link Session#send(String)} does
     */
    public StormFuture<SendResult> sendText(ByteBuf utf8) {
        return session.sendFrame(WebSocketMessage.utf8(utf8));
    }

    /**
     * Sends a binary message.
     *
     * @param data the bytes, copied before this returns
     * @return completes as {@link Session#send(byte[])} does
     */
    public StormFuture<SendResult> sendBinary(byte[] data) {
        return session.send(data);
    }

    /**
     * Sends a binary message, taking ownership of the buffer.
     *
     * @param data the bytes
     * @return completes as {@link Session#send(ByteBuf)} does
     */
    public StormFuture<SendResult> sendBinary(ByteBuf data) {
        return session.send(data);
    }

    /**
     * Sends a ping; the peer answers with a pong carrying the same data.
     *
     * @param data at most 125 bytes
     * @return completes when written
     */
    public StormFuture<SendResult> ping(byte[] data) {
        return connection.sendControl(true, Unpooled.wrappedBuffer(checkControl(data)));
    }

    /**
     * Sends a pong, for applications that turned automatic pongs off and answer pings themselves.
     *
     * @param data at most 125 bytes, normally the ping's data
     * @return completes when written
     */
    public StormFuture<SendResult> pong(byte[] data) {
        return connection.sendControl(false, Unpooled.wrappedBuffer(checkControl(data)));
    }

    private static byte[] checkControl(byte[] data) {
        if (data.length > 125) {
            throw new IllegalArgumentException("a control frame carries at most 125 bytes, not " + data.length);
        }
        return data.clone();
    }

    /**
     * Closes the session gracefully with a Close code and reason: queued messages go first, then
     * the Close frame; the connection ends when the peer answers or the close timeout passes.
     * {@code onDisconnected} reports {@link CloseReason#LOCAL_CLOSE}.
     *
     * @param code a code that may be sent: 1000-1003, 1007-1014 or 3000-4999
     * @param reason at most 123 bytes of UTF-8
     * @return completes with the close reason once the session is closed
     */
    public StormFuture<CloseReason> close(int code, String reason) {
        connection.close(new WebSocketCloseStatus(code, reason));
        return session.closeFuture();
    }

    @Override
    public String toString() {
        return "WebSocketSession[" + session + ", path=" + path() + subprotocol().map(p -> ", subprotocol=" + p).orElse("")
                + "]";
    }
}
