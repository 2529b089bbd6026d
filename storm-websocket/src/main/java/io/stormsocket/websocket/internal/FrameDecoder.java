package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.websocket.WebSocketCloseStatus;
import io.stormsocket.websocket.WebSocketMessage;
import io.stormsocket.websocket.WebSocketOptions;
import io.stormsocket.websocket.WebSocketProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The inbound half of an upgraded connection: parses frames
 * (<a href="https://www.rfc-editor.org/rfc/rfc6455#section-5">RFC 6455 section 5</a>), enforces
 * every rule of the RFC and the size limits, reassembles and decompresses messages, validates text
 * as it arrives (an invalid byte fails the connection at once, even in the middle of a frame),
 * answers pings and runs the peer's side of the closing handshake. Passes each complete
 * {@link WebSocketMessage} on.
 *
 * <p>A violation sends Close with the RFC's code (1002, 1007, 1009), discards everything the peer
 * sends afterwards and raises a {@link WebSocketProtocolException}; the session then closes with
 * reason protocol error.
 *
 * <p>Threading: event loop only.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private enum State { HEADER, PAYLOAD, DONE }

    private final WebSocketConnection connection;
    private final FrameWriter writer;
    private final Heartbeater heartbeater;
    private final boolean server;
    private final int maxFrameSize;
    private final int maxMessageSize;
    private final boolean autoPong;
    private final MessageInflater inflater;
    private final Utf8Validator utf8 = new Utf8Validator();
    /** Decodes each message into a typed frame, or null to pass {@link WebSocketMessage}s. */
    private final FrameCodec<?> messageCodec;

    private State state = State.HEADER;
    // The frame being read.
    private boolean fin;
    private boolean rsv1;
    private int opcode;
    private int maskKey;
    private boolean masked;
    private long frameLength;
    private long frameRead;
    // The data message being assembled: its opcode (-1 for none), whether compressed, bytes so far.
    private int messageOpcode = -1;
    private boolean messageCompressed;
    private long messageWireBytes;
    private ByteBuf message;

    FrameDecoder(WebSocketConnection connection, FrameWriter writer) {
        WebSocketOptions options = connection.options();
        this.connection = connection;
        this.writer = writer;
        this.server = !connection.isClient();
        this.maxFrameSize = options.maxFrameSize();
        this.maxMessageSize = options.maxMessageSize();
        this.autoPong = options.autoPong();
        this.inflater = connection.deflate() == null ? null : new MessageInflater(maxMessageSize);
        this.heartbeater = new Heartbeater(connection, options.heartbeat());
        this.messageCodec = options.messageCodec().map(FrameCodec::newSessionCodec).orElse(null);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        heartbeater.start(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpObject) {
            // The tail of the upgrade request (its empty last content), left by the removed HTTP codec.
            ReferenceCountUtil.release(msg);
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case DONE -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                case HEADER -> {
                    if (!readHeader(ctx, in)) {
                        return;
                    }
                }
                default -> {
                    // Stop after each message: ByteToMessageDecoder hands it to the session before
                    // the next frame is read, so a handler's reply to it goes out ahead of any Close a
                    // later frame in the same read triggers (Autobahn 3.2, 4.1.3, 5.15).
                    if (!readPayload(ctx, in, out) || !out.isEmpty()) {
                        return;
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- header

    private boolean readHeader(ChannelHandlerContext ctx, ByteBuf in) {
        if (in.readableBytes() < 2) {
            return false;
        }
        int b0 = in.getUnsignedByte(in.readerIndex());
        int b1 = in.getUnsignedByte(in.readerIndex() + 1);
        heartbeater.peerAlive();
        fin = (b0 & 0x80) != 0;
        rsv1 = (b0 & 0x40) != 0;
        opcode = b0 & 0x0F;
        masked = (b1 & 0x80) != 0;
        int length7 = b1 & 0x7F;
        // Judge what the first two bytes already tell, before waiting for the rest of the header.
        String violation = firstBytesViolation(b0, length7);
        if (violation != null) {
            return fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, violation);
        }
        int headerLength = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (in.readableBytes() < headerLength) {
            return false;
        }
        in.skipBytes(2);
        long length = length7 == 126 ? in.readUnsignedShort() : length7 == 127 ? in.readLong() : length7;
        if (length < 0) {
            return fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "64-bit payload length with its top bit set");
        }
        if (length > maxFrameSize) {
            return fail(ctx, WebSocketCloseStatus.TOO_BIG, "frame of " + length + " bytes exceeds the limit of "
                    + maxFrameSize);
        }
        maskKey = masked ? in.readInt() : 0;
        frameLength = length;
        frameRead = 0;
        if (!Opcodes.isControl(opcode)) {
            if (opcode != Opcodes.CONTINUATION) {
                messageOpcode = opcode;
                messageCompressed = rsv1;
                messageWireBytes = 0;
                utf8.reset();
            }
            // An empty fragment that does not end the message counts one byte, so a peer cannot keep
            // a message open forever with empty fragments.
            long charge = length == 0 && !fin ? 1 : length;
            if (messageWireBytes + charge > maxMessageSize) {
                return fail(ctx, WebSocketCloseStatus.TOO_BIG, "message exceeds the limit of " + maxMessageSize + " bytes"
                        + (length == 0 ? " (empty fragments count one byte each)" : ""));
            }
            messageWireBytes += charge;
        }
        state = State.PAYLOAD;
        return true;
    }

    private String firstBytesViolation(int b0, int length7) {
        if ((b0 & 0x30) != 0) {
            return "reserved bit RSV2 or RSV3 set";
        }
        if (opcode > Opcodes.BINARY && opcode < Opcodes.CLOSE || opcode > Opcodes.PONG) {
            return "reserved opcode " + opcode;
        }
        if (server != masked) {
            return server ? "client frame not masked" : "server frame masked";
        }
        if (Opcodes.isControl(opcode)) {
            if (!fin) {
                return "fragmented control frame";
            }
            if (length7 > 125) {
                return "control frame with more than 125 bytes of payload";
            }
            return rsv1 ? "RSV1 set on a control frame" : null;
        }
        if (rsv1 && (inflater == null || opcode == Opcodes.CONTINUATION)) {
            return inflater == null ? "RSV1 set without permessage-deflate" : "RSV1 set on a continuation frame";
        }
        if (opcode == Opcodes.CONTINUATION && messageOpcode < 0) {
            return "continuation frame without a message to continue";
        }
        if (opcode != Opcodes.CONTINUATION && messageOpcode >= 0) {
            return "new data frame while a fragmented message is unfinished";
        }
        return null;
    }

    // ---------------------------------------------------------------- payload

    private boolean readPayload(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (Opcodes.isControl(opcode)) {
            if (in.readableBytes() < frameLength) {
                return false;
            }
            ByteBuf payload = in.readRetainedSlice((int) frameLength);
            unmask(payload, payload.readerIndex(), payload.readableBytes());
            state = State.HEADER;
            return control(ctx, payload, out);
        }
        int length = (int) frameLength;
        if (opcode != Opcodes.CONTINUATION && fin && !rsv1 && frameRead == 0 && in.readableBytes() >= length) {
            // The common case, a whole unfragmented message in the buffer: no copy.
            ByteBuf payload = in.readRetainedSlice(length);
            unmask(payload, payload.readerIndex(), length);
            if (opcode == Opcodes.TEXT && !(utf8.update(payload, payload.readerIndex(), length) && utf8.isComplete())) {
                payload.release();
                return fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD, "text message is not valid UTF-8");
            }
            messageOpcode = -1;
            state = State.HEADER;
            return emit(ctx, typeOf(opcode), payload, out);
        }
        int chunk = (int) Math.min(in.readableBytes(), frameLength - frameRead);
        if (chunk > 0) {
            int index = in.readerIndex();
            unmask(in, index, chunk);
            boolean ok = messageCompressed ? inflate(ctx, in.readSlice(chunk), false) : append(ctx, in, index, chunk);
            if (!ok) {
                return false;
            }
            frameRead += chunk;
        }
        if (frameRead < frameLength) {
            return false;
        }
        state = State.HEADER;
        return !fin || finishMessage(ctx, out);
    }

    private void unmask(ByteBuf buf, int index, int length) {
        if (masked) {
            Masking.maskInPlace(buf, index, length, maskKey, frameRead);
        }
    }

    /** Appends uncompressed bytes to the message, validating text. Advances {@code in}. */
    private boolean append(ChannelHandlerContext ctx, ByteBuf in, int index, int length) {
        if (messageOpcode == Opcodes.TEXT && !utf8.update(in, index, length)) {
            return fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD, "text message is not valid UTF-8");
        }
        messageBuffer(ctx).writeBytes(in, index, length);
        in.skipBytes(length);
        return true;
    }

    private ByteBuf messageBuffer(ChannelHandlerContext ctx) {
        if (message == null) {
            message = ctx.alloc().buffer((int) Math.min(Math.max(frameLength, 256), maxMessageSize), maxMessageSize);
        }
        return message;
    }

    private boolean inflate(ChannelHandlerContext ctx, ByteBuf compressed, boolean last) {
        try {
            inflater.inflate(compressed, last, ctx.alloc(), piece -> {
                try {
                    if (messageOpcode == Opcodes.TEXT && !utf8.update(piece, piece.readerIndex(), piece.readableBytes())) {
                        throw new InvalidText();
                    }
                    messageBuffer(ctx).writeBytes(piece);
                } finally {
                    piece.release();
                }
            });
            return true;
        } catch (InvalidText e) {
            return fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD, "text message is not valid UTF-8");
        } catch (MessageTooBigException e) {
            return fail(ctx, WebSocketCloseStatus.TOO_BIG, "message inflates beyond the limit of " + maxMessageSize
                    + " bytes");
        } catch (InvalidCompressedDataException e) {
            return fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD, "invalid compressed data: " + e.getMessage());
        }
    }

    private boolean finishMessage(ChannelHandlerContext ctx, List<Object> out) {
        if (messageCompressed && !inflate(ctx, Unpooled.EMPTY_BUFFER, true)) {
            return false;
        }
        if (messageOpcode == Opcodes.TEXT && !utf8.isComplete()) {
            return fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
        }
        ByteBuf payload = message != null ? message : Unpooled.EMPTY_BUFFER;
        message = null;
        WebSocketMessage.Type type = typeOf(messageOpcode);
        messageOpcode = -1;
        return emit(ctx, type, payload, out);
    }

    /** Passes a complete message on: as is, or as the typed frame the message codec makes of it. */
    private boolean emit(ChannelHandlerContext ctx, WebSocketMessage.Type type, ByteBuf payload, List<Object> out) {
        if (messageCodec == null) {
            out.add(new WebSocketMessage(type, payload));
            return true;
        }
        try {
            out.add(TypedMessages.decode(messageCodec, payload));
            return true;
        } catch (Exception e) {
            return fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD, "undecodable message: " + e.getMessage());
        } finally {
            payload.release();
        }
    }

    private static WebSocketMessage.Type typeOf(int opcode) {
        return opcode == Opcodes.TEXT ? WebSocketMessage.Type.TEXT : WebSocketMessage.Type.BINARY;
    }

    // ---------------------------------------------------------------- control frames

    private boolean control(ChannelHandlerContext ctx, ByteBuf payload, List<Object> out) {
        switch (opcode) {
            case Opcodes.PING -> {
                if (!autoPong) {
                    out.add(new WebSocketMessage(WebSocketMessage.Type.PING, payload));
                    return true;
                }
                try {
                    if (!connection.closeSent) {
                        ctx.writeAndFlush(connection.controlFrame(Opcodes.PONG, payload));
                    }
                } finally {
                    payload.release();
                }
                return true;
            }
            case Opcodes.PONG -> {
                payload.release();
                return true;
            }
            default -> {
                return close(ctx, payload);
            }
        }
    }

    /** The peer's Close (RFC 6455 section 5.5.1): validate, answer, and let the connection end. */
    private boolean close(ChannelHandlerContext ctx, ByteBuf payload) {
        WebSocketCloseStatus status = null;
        try {
            int length = payload.readableBytes();
            if (length == 1) {
                return fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "Close frame with a 1-byte body");
            }
            if (length >= 2) {
                int code = payload.readUnsignedShort();
                if (!WebSocketCloseStatus.isSendable(code)) {
                    return fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "invalid close code " + code);
                }
                Utf8Validator reason = new Utf8Validator();
                if (!(reason.update(payload, payload.readerIndex(), payload.readableBytes()) && reason.isComplete())) {
                    return fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD, "Close reason is not valid UTF-8");
                }
                status = new WebSocketCloseStatus(code, payload.toString(StandardCharsets.UTF_8));
            }
        } finally {
            payload.release();
        }
        connection.closeReceived = true;
        connection.peerClose(status);
        state = State.DONE;
        heartbeater.stop();
        if (writer.awaitingPeerClose()) {
            writer.closingHandshakeDone();
            return false;
        }
        if (!connection.closeSent) {
            connection.closeSent = true;
            WebSocketCloseStatus echo = status == null ? null : WebSocketCloseStatus.of(status.code());
            ctx.writeAndFlush(connection.closeFrame(echo)).addListener((ChannelFutureListener) written -> {
                if (server) {
                    // The server closes the TCP connection first (RFC 6455 section 7.1.1).
                    written.channel().close();
                } else {
                    long nanos = connection.options().closeTimeout().toNanos();
                    written.channel().eventLoop().schedule(() -> written.channel().close(), nanos, TimeUnit.NANOSECONDS);
                }
            });
        }
        return false;
    }

    // ---------------------------------------------------------------- failing

    /**
     * Fails the connection (RFC 6455 section 7.1.7): Close with {@code code}, discard whatever
     * follows, report. Always returns false, so decoding stops.
     */
    private boolean fail(ChannelHandlerContext ctx, int code, String why) {
        if (state == State.DONE) {
            return false;
        }
        state = State.DONE;
        heartbeater.stop();
        releaseMessage();
        if (!connection.closeSent) {
            connection.closeSent = true;
            ctx.writeAndFlush(connection.closeFrame(new WebSocketCloseStatus(code, truncate(why))));
        }
        ctx.fireExceptionCaught(new WebSocketProtocolException(code, why));
        return false;
    }

    private static String truncate(String why) {
        // Reasons here are ASCII; keep within the Close frame's 123 bytes.
        return why.length() <= WebSocketCloseStatus.MAX_REASON_BYTES ? why : why.substring(0, WebSocketCloseStatus.MAX_REASON_BYTES);
    }

    private void releaseMessage() {
        if (message != null) {
            message.release();
            message = null;
        }
        messageOpcode = -1;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        heartbeater.stop();
        releaseMessage();
        if (inflater != null) {
            inflater.close();
        }
    }

    /** Thrown out of the inflater's output callback to stop at the first invalid text. */
    private static final class InvalidText extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidText() {
            super(null, null, false, false);
        }
    }
}
