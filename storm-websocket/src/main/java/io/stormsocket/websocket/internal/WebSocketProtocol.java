package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpServerCodec;
import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.core.spi.SessionProtocol;
import io.stormsocket.core.spi.SessionReadyEvent;
import io.stormsocket.websocket.HandshakeHandler;
import io.stormsocket.websocket.WebSocketClientOptions;
import io.stormsocket.websocket.WebSocketMessage;
import io.stormsocket.websocket.WebSocketOptions;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.net.URI;

/**
 * Storm's protocol hook for WebSocket, one per server or client: builds each connection's
 * handshake stage and, once upgraded, its frame writer and decoder.
 *
 * <p>Threading: immutable apart from the handshake handler, which a server sets before it starts.
 */
public final class WebSocketProtocol implements SessionProtocol {
    private final WebSocketOptions options;
    private final URI uri;
    /** The options' message codec, or null: read per send, so kept out of its Optional. */
    private final FrameCodec<?> messageCodec;
    private volatile HandshakeHandler handshakeHandler;

    private WebSocketProtocol(WebSocketOptions options, URI uri) {
        this.options = options;
        this.uri = uri;
        this.messageCodec = options.messageCodec().orElse(null);
    }

    /** {@return the message codec, or null when messages are passed as they are} */
    FrameCodec<?> messageCodec() {
        return messageCodec;
    }

    /**
     * The server side.
     *
     * @param options the server's options
     * @return the protocol
     */
    public static WebSocketProtocol server(WebSocketServerOptions options) {
        return new WebSocketProtocol(options, null);
    }

    /**
     * The client side.
     *
     * @param options the client's options
     * @param uri the {@code ws://} or {@code wss://} URI to upgrade on
     * @return the protocol
     */
    public static WebSocketProtocol client(WebSocketClientOptions options, URI uri) {
        return new WebSocketProtocol(options, uri);
    }

    /**
     * Sets the server's upgrade decision handler.
     *
     * @param handler the handler
     */
    public void handshakeHandler(HandshakeHandler handler) {
        this.handshakeHandler = handler;
    }

    HandshakeHandler handshakeHandler() {
        return handshakeHandler;
    }

    boolean isClient() {
        return uri != null;
    }

    WebSocketOptions options() {
        return options;
    }

    @Override
    public WebSocketConnection newConnection(Channel channel) {
        return new WebSocketConnection(this, channel);
    }

    void addHandshakeHandlers(ChannelPipeline pipeline, WebSocketConnection connection) {
        if (isClient()) {
            pipeline.addLast(WebSocketPipeline.HTTP, new HttpClientCodec());
            pipeline.addLast(WebSocketPipeline.HANDSHAKE, new ClientHandshakeHandler(connection,
                    (WebSocketClientOptions) options, uri));
        } else {
            WebSocketServerOptions server = (WebSocketServerOptions) options;
            pipeline.addLast(WebSocketPipeline.HTTP, new HttpServerCodec(4096, server.maxRequestHeaderSize(), 8192));
            pipeline.addLast(WebSocketPipeline.HANDSHAKE, new ServerHandshakeHandler(connection, server, this));
        }
    }

    /**
     * Swaps the handshake stage for the frame stage and opens the session. Called by a handshake
     * handler, on the event loop, once the upgrade succeeded and was recorded on the connection.
     */
    static void switchToFrames(ChannelHandlerContext handshake, WebSocketConnection connection) {
        ChannelPipeline pipeline = handshake.pipeline();
        FrameWriter writer = new FrameWriter(connection);
        pipeline.addAfter(handshake.name(), WebSocketPipeline.WRITER, writer);
        pipeline.addAfter(WebSocketPipeline.WRITER, WebSocketPipeline.DECODER, new FrameDecoder(connection, writer));
        // The HTTP encoder goes first, so what onConnected sends passes as frames; the session
        // opens next; the HTTP decoder goes last, handing on any frame bytes it still holds.
        CombinedChannelDuplexHandler<?, ?> http = (CombinedChannelDuplexHandler<?, ?>) pipeline.get(WebSocketPipeline.HTTP);
        http.removeOutboundHandler();
        handshake.fireUserEventTriggered(SessionReadyEvent.INSTANCE);
        pipeline.remove(handshake.handler());
        pipeline.remove(WebSocketPipeline.HTTP);
    }

    @Override
    public Object encodeBroadcast(Object message, ByteBufAllocator alloc) {
        if (isClient()) {
            throw new UnsupportedOperationException("a WebSocket client has no broadcast");
        }
        int opcode;
        ByteBuf payload;
        FrameCodec<?> codec = messageCodec;
        if (TypedMessages.isTyped(codec, message)) {
            opcode = Opcodes.BINARY;
            try {
                payload = TypedMessages.encode(codec, message, alloc);
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot encode " + message.getClass().getName() + ": " + e.getMessage(), e);
            }
        } else if (message instanceof WebSocketMessage m) {
            opcode = m.isText() ? Opcodes.TEXT : m.type() == WebSocketMessage.Type.BINARY ? Opcodes.BINARY : Opcodes.PING;
            payload = m.content();
        } else if (message instanceof String text) {
            opcode = Opcodes.TEXT;
            payload = io.netty.buffer.ByteBufUtil.writeUtf8(alloc, text);
        } else {
            opcode = Opcodes.BINARY;
            payload = WebSocketConnection.toBuffer(message, alloc);
        }
        try {
            ByteBuf plain = FrameEncoder.encode(alloc, opcode, false, payload, null);
            if (!options.compression().enabled() || opcode == Opcodes.PING) {
                return plain;
            }
            return new BroadcastFrame(plain, opcode, payload.retain(), options.compression().compressionLevel());
        } finally {
            payload.release();
        }
    }

    @Override
    public String toString() {
        return isClient() ? "WebSocket client of " + uri : "WebSocket server";
    }
}
