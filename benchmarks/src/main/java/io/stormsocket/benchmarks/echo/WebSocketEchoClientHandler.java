package io.stormsocket.benchmarks.echo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import org.HdrHistogram.Histogram;

/**
 * One WebSocket client connection: upgrades, then sends, checks and times echoes exactly as
 * {@link EchoClientHandler} does over TCP, with each payload as one binary message (masked, as
 * RFC 6455 section 5.3 requires of clients). The {@code -m} first messages go out when the
 * upgrade completes; every echo is checked byte for byte, and the replacement messages of one
 * read batch are flushed once in {@code channelReadComplete}.
 *
 * <p>Threading: all state is touched on the channel's event loop only; the histogram is shared
 * with the other connections of the same event loop.
 */
final class WebSocketEchoClientHandler extends ChannelInboundHandlerAdapter {
    /** The upgrade response has no body; the aggregator only assembles its headers. */
    private static final int MAX_HANDSHAKE_CONTENT = 8192;

    private final EchoClient client;
    private final Histogram histogram;
    private final int size;
    private final long[] sentAt;
    private long sendSeq;
    private long receiveSeq;
    private long batchTime;
    private boolean inBatch;
    private boolean unflushed;
    private long batchReceived;

    private WebSocketEchoClientHandler(EchoClient client, Histogram histogram) {
        this.client = client;
        this.histogram = histogram;
        this.size = client.options().size();
        this.sentAt = new long[client.options().inFlight()];
    }

    /**
     * Adds the WebSocket client pipeline after any TLS handler: HTTP codec and aggregator for the
     * upgrade, the optional permessage-deflate offer, Netty's protocol handler, then this handler.
     */
    static void addTo(ChannelPipeline pipeline, EchoClient client, Histogram histogram) {
        EchoClientOptions options = client.options();
        String scheme = options.proto().secure() ? "wss" : "ws";
        URI uri = URI.create(scheme + "://" + options.host() + ":" + options.port() + "/echo");
        pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_HANDSHAKE_CONTENT));
        if (options.compression()) {
            pipeline.addLast(new WebSocketClientCompressionHandler(StormWebSocketEchoServer.MAX_MESSAGE_SIZE));
        }
        pipeline.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .allowExtensions(options.compression())
                .maxFramePayloadLength(StormWebSocketEchoServer.MAX_MESSAGE_SIZE)
                .build()));
        pipeline.addLast(new WebSocketEchoClientHandler(client, histogram));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            batchTime = System.nanoTime();
            for (int i = 0; i < sentAt.length; i++) {
                send(ctx);
            }
            ctx.flush();
            unflushed = false;
            client.connectionReady();
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            client.countError();
            System.err.println("echo-client: WebSocket handshake timed out");
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!inBatch) {
            batchTime = System.nanoTime();
            inBatch = true;
        }
        try {
            if (!(msg instanceof BinaryWebSocketFrame frame) || !matches(frame)) {
                client.countError();
                ctx.close();
                return;
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
        if (client.measuring()) {
            histogram.recordValue(Math.max(0, batchTime - sentAt[(int) (receiveSeq % sentAt.length)]));
            batchReceived++;
        }
        receiveSeq++;
        if (!client.stopping()) {
            send(ctx);
        }
    }

    private boolean matches(BinaryWebSocketFrame frame) {
        ByteBuf content = frame.content();
        int offset = (int) (receiveSeq % client.patternPeriod());
        return frame.isFinalFragment() && content.readableBytes() == size
                && ByteBufUtil.equals(content, content.readerIndex(), client.pattern(), offset, size);
    }

    private void send(ChannelHandlerContext ctx) {
        ByteBuf payload = ctx.alloc().buffer(size);
        payload.writeBytes(client.pattern(), (int) (sendSeq % client.patternPeriod()), size);
        sentAt[(int) (sendSeq % sentAt.length)] = batchTime;
        sendSeq++;
        ctx.write(new BinaryWebSocketFrame(payload), ctx.voidPromise());
        unflushed = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        inBatch = false;
        if (batchReceived > 0) {
            client.countReceived(batchReceived);
            batchReceived = 0;
        }
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!client.stopping()) {
            client.countError();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!client.stopping()) {
            client.countError();
            System.err.println("echo-client: " + cause);
        }
        ctx.close();
    }
}
