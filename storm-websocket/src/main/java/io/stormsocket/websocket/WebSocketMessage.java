package io.stormsocket.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One WebSocket message: text or binary, reassembled from its fragments and decompressed; or, when
 * automatic pongs are turned off, a ping.
 *
 * <p>Received messages are lent for the duration of the callback, as every Storm frame is: Storm
 * releases them afterwards unless {@link #retain()} was called. Text has been validated as strict
 * UTF-8 before a handler sees it.
 *
 * <p>To send, pass a {@code String} (text) or bytes (binary) to {@code Session.send}, or build a
 * message with {@link #text(String)}, {@link #utf8(ByteBuf)} or {@link #binary(ByteBuf)} and pass it
 * to {@code Session.sendFrame}; an echo is {@code session.send(payload)}.
 */
public final class WebSocketMessage extends DefaultByteBufHolder {

    /** What a message carries. */
    public enum Type {
        /** UTF-8 text (opcode 1). */
        TEXT,
        /** Binary data (opcode 2). */
        BINARY,
        /** A ping's application data (opcode 9); delivered only when automatic pongs are off. */
        PING
    }

    private final Type type;

    /**
     * Creates a message over a buffer, taking ownership of it.
     *
     * @param type the message type
     * @param content the payload
     */
    public WebSocketMessage(Type type, ByteBuf content) {
        super(content);
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Creates a text message.
     *
     * @param text the text
     * @return the message
     */
    public static WebSocketMessage text(String text) {
        return new WebSocketMessage(Type.TEXT, Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Creates a text message from bytes already encoded as UTF-8, taking ownership of the buffer.
     * The bytes are checked when sent; invalid UTF-8 fails the send.
     *
     * @param utf8 the encoded text
     * @return the message
     */
    public static WebSocketMessage utf8(ByteBuf utf8) {
        return new WebSocketMessage(Type.TEXT, utf8);
    }

    /**
     * Creates a binary message, taking ownership of the buffer.
     *
     * @param data the bytes
     * @return the message
     */
    public static WebSocketMessage binary(ByteBuf data) {
        return new WebSocketMessage(Type.BINARY, data);
    }

    /**
     * Creates a binary message from a copy of an array.
     *
     * @param data the bytes
     * @return the message
     */
    public static WebSocketMessage binary(byte[] data) {
        return new WebSocketMessage(Type.BINARY, Unpooled.copiedBuffer(data));
    }

    /** {@return the message type} */
    public Type type() {
        return type;
    }

    /** {@return whether this is a text message} */
    public boolean isText() {
        return type == Type.TEXT;
    }

    /** {@return the payload's length in bytes} */
    public int length() {
        return content().readableBytes();
    }

    /**
     * Decodes the payload as UTF-8 (already validated for received text).
     *
     * @return the text
     */
    public String text() {
        return content().toString(StandardCharsets.UTF_8);
    }

    /** {@return a copy of the payload} */
    public byte[] bytes() {
        return ByteBufUtil.getBytes(content());
    }

    @Override
    public WebSocketMessage replace(ByteBuf content) {
        return new WebSocketMessage(type, content);
    }

    @Override
    public WebSocketMessage copy() {
        return (WebSocketMessage) super.copy();
    }

    @Override
    public WebSocketMessage duplicate() {
        return (WebSocketMessage) super.duplicate();
    }

    @Override
    public WebSocketMessage retainedDuplicate() {
        return (WebSocketMessage) super.retainedDuplicate();
    }

    @Override
    public WebSocketMessage retain() {
        super.retain();
        return this;
    }

    @Override
    public WebSocketMessage retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public WebSocketMessage touch() {
        super.touch();
        return this;
    }

    @Override
    public WebSocketMessage touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "WebSocketMessage[" + type + ", " + (refCnt() > 0 ? content().readableBytes() + " bytes" : "released") + "]";
    }
}
