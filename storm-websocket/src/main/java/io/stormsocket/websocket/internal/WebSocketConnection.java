package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.SendResult;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionClosedException;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.core.spi.ProtocolConnection;
import io.stormsocket.websocket.WebSocketCloseStatus;
import io.stormsocket.websocket.WebSocketMessage;
import io.stormsocket.websocket.WebSocketOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One WebSocket connection's state, shared by its handshake, decoder and writer: the role, what
 * the handshake negotiated, and the closing handshake.
 *
 * <p>Threading: the negotiated fields are written once on the event loop before the session opens
 * and read by sending threads afterwards (volatile); the closing-handshake fields belong to the
 * event loop.
 */
public final class WebSocketConnection implements ProtocolConnection {
    /** Where a channel's connection is found. */
    static final AttributeKey<WebSocketConnection> KEY = AttributeKey.valueOf(WebSocketConnection.class, "connection");

    private final WebSocketProtocol protocol;
    private final Channel channel;
    private final MaskKeys masks;
    private Session session;

    private volatile boolean upgraded;
    private volatile DeflateParameters deflate;
    private volatile String subprotocol;
    private volatile String path;
    private volatile WebSocketCloseStatus requestedClose;
    private volatile WebSocketCloseStatus peerClose;

    /** A Close frame went out. Event loop. */
    boolean closeSent;
    /** The peer's Close frame arrived. Event loop. */
    boolean closeReceived;

    WebSocketConnection(WebSocketProtocol protocol, Channel channel) {
        this.protocol = protocol;
        this.channel = channel;
        this.masks = protocol.isClient() ? new MaskKeys() : null;
        channel.attr(KEY).set(this);
    }

    /**
     * Returns the connection of a session's channel.
     *
     * @param session a session
     * @return its WebSocket state, if it is a WebSocket session
     */
    public static Optional<WebSocketConnection> of(Session session) {
        return Optional.ofNullable(session.channel().attr(KEY).get());
    }

    WebSocketProtocol protocol() {
        return protocol;
    }

    WebSocketOptions options() {
        return protocol.options();
    }

    Session session() {
        return session;
    }

    MaskKeys masks() {
        return masks;
    }

    boolean isClient() {
        return protocol.isClient();
    }

    @Override
    public void initPipeline(ChannelPipeline pipeline, Session session) {
        this.session = session;
        protocol.addHandshakeHandlers(pipeline, this);
    }

    @Override
    public boolean hasHandshake() {
        return true;
    }

    /** The handshake succeeded: record what it negotiated. Event loop, before the session opens. */
    void upgraded(String path, String subprotocol, DeflateParameters deflate) {
        this.path = path;
        this.subprotocol = subprotocol;
        this.deflate = deflate;
        this.upgraded = true;
    }

    /** {@return the negotiated compression, or null} */
    DeflateParameters deflate() {
        return deflate;
    }

    /** {@return the subprotocol agreed on, if any} */
    public Optional<String> subprotocol() {
        return Optional.ofNullable(subprotocol);
    }

    /** {@return the request path (server) or URI path (client)} */
    public String path() {
        return path;
    }

    /** {@return the negotiated extensions header value, empty without compression} */
    public boolean compressed() {
        return deflate != null;
    }

    /** {@return the status of the peer's Close frame, if one arrived} */
    public Optional<WebSocketCloseStatus> peerCloseStatus() {
        return Optional.ofNullable(peerClose);
    }

    void peerClose(WebSocketCloseStatus status) {
        this.peerClose = status;
    }

    /**
     * Closes the session with a code and reason of the application's choosing.
     *
     * @param status the status to send
     */
    public void close(WebSocketCloseStatus status) {
        this.requestedClose = status;
        session.close(CloseReason.LOCAL_CLOSE);
    }

    // ---------------------------------------------------------------- sending (any thread)

    @Override
    public Object message(Object send, ByteBufAllocator alloc) {
        if (send instanceof WebSocketMessage || TypedMessages.isTyped(protocol.messageCodec(), send)) {
            return send;
        }
        if (send instanceof String text) {
            return new WebSocketMessage(WebSocketMessage.Type.TEXT, ByteBufUtil.writeUtf8(alloc, text));
        }
        return new WebSocketMessage(WebSocketMessage.Type.BINARY, toBuffer(send, alloc));
    }

    @Override
    public Object encode(Object send, ByteBufAllocator alloc) throws Exception {
        int opcode;
        ByteBuf payload;
        FrameCodec<?> codec = protocol.messageCodec();
        if (TypedMessages.isTyped(codec, send)) {
            opcode = Opcodes.BINARY;
            payload = TypedMessages.encode(codec, send, alloc);
        } else if (send instanceof WebSocketMessage message) {
            opcode = opcodeOf(message);
            payload = message.content();
        } else if (send instanceof String text) {
            opcode = Opcodes.TEXT;
            payload = ByteBufUtil.writeUtf8(alloc, text);
        } else {
            opcode = Opcodes.BINARY;
            payload = toBuffer(send, alloc);
        }
        try {
            if (opcode == Opcodes.TEXT && send instanceof WebSocketMessage && !isValidUtf8(payload)) {
                throw new IllegalArgumentException("text message is not valid UTF-8");
            }
            DeflateParameters agreed = deflate;
            if (agreed != null && opcode != Opcodes.PONG && opcode != Opcodes.PING
                    && payload.readableBytes() >= options().compression().minimumSize()) {
                return new PendingDeflate(opcode, payload.retain());
            }
            return FrameEncoder.encode(alloc, opcode, false, payload, masks);
        } finally {
            payload.release();
        }
    }

    private static int opcodeOf(WebSocketMessage message) {
        return switch (message.type()) {
            case TEXT -> Opcodes.TEXT;
            case BINARY -> Opcodes.BINARY;
            case PING -> Opcodes.PING;
        };
    }

    static ByteBuf toBuffer(Object send, ByteBufAllocator alloc) {
        if (send instanceof ByteBuf buf) {
            return buf;
        }
        if (send instanceof byte[] bytes) {
            return alloc.buffer(bytes.length).writeBytes(bytes);
        }
        if (send instanceof ByteBuffer buffer) {
            return alloc.buffer(buffer.remaining()).writeBytes(buffer.duplicate());
        }
        ReferenceCountUtil.release(send);
        throw new IllegalArgumentException("a WebSocket session sends String, byte[], ByteBuffer, ByteBuf or"
                + " WebSocketMessage, not " + send.getClass().getName());
    }

    private static boolean isValidUtf8(ByteBuf payload) {
        Utf8Validator validator = new Utf8Validator();
        return validator.update(payload, payload.readerIndex(), payload.readableBytes()) && validator.isComplete();
    }

    /**
     * Encodes a control frame (ping, pong) for this side: masked on a client.
     *
     * @param opcode the control opcode
     * @param payload at most 125 bytes, not released
     * @return the frame
     */
    ByteBuf controlFrame(int opcode, ByteBuf payload) {
        return FrameEncoder.encode(channel.alloc(), opcode, false, payload, masks);
    }

    /** Encodes a Close frame carrying {@code status} (or no body when null). */
    ByteBuf closeFrame(WebSocketCloseStatus status) {
        if (status == null) {
            return controlFrame(Opcodes.CLOSE, Unpooled.EMPTY_BUFFER);
        }
        ByteBuf body = channel.alloc().buffer(2 + status.reason().length() * 3);
        try {
            body.writeShort(status.code());
            body.writeCharSequence(status.reason(), StandardCharsets.UTF_8);
            return controlFrame(Opcodes.CLOSE, body);
        } finally {
            body.release();
        }
    }

    /**
     * Writes a ping or pong now, bypassing the send queue's accounting (control frames are tiny).
     *
     * @param ping true for a ping, false for a pong
     * @param data the payload, released here
     * @return completes when written
     */
    public StormFuture<SendResult> sendControl(boolean ping, ByteBuf data) {
        StormFuture.Promise<SendResult> promise = StormFuture.promise();
        ByteBuf frame;
        try {
            frame = controlFrame(ping ? Opcodes.PING : Opcodes.PONG, data);
        } finally {
            data.release();
        }
        if (!session.isOpen()) {
            frame.release();
            promise.fail(new SessionClosedException("cannot send: " + session + " is " + session.state()));
            return promise.future();
        }
        channel.writeAndFlush(frame).addListener(written -> {
            if (written.isSuccess()) {
                promise.succeed(SendResult.WRITTEN);
            } else {
                promise.fail(new SessionClosedException("session " + session.id() + " closed before the frame was written",
                        written.cause()));
            }
        });
        return promise.future();
    }

    @Override
    public Object closeMessage(CloseReason reason) {
        if (!upgraded) {
            return null;
        }
        WebSocketCloseStatus requested = requestedClose;
        // A heartbeat timeout means the peer stopped answering: tell it why if it still reads, but
        // do not wait for a Close it will most likely never send.
        boolean awaitPeer = reason != CloseReason.HEARTBEAT_TIMEOUT;
        return new CloseIntent(requested != null ? requested : CloseCodes.forReason(reason), awaitPeer);
    }
}
