package io.stormsocket.benchmarks.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.Transport;
import io.stormsocket.websocket.DeflateOptions;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The raw-Netty WebSocket echo baseline, written the way an expert writes it:
 * {@code [SslHandler] -> HttpServerCodec -> HttpObjectAggregator (handshake only) ->
 * [permessage-deflate] -> WebSocketServerProtocolHandler (any path) -> echo}. The echo writes each
 * data frame it receives back as it is (the frame's reference passes to the write), without
 * flushing, and flushes once per read batch in {@code channelReadComplete}.
 *
 * <p>Same work as Storm's WebSocket echo: the same frame and message limit, and with compression
 * the same permessage-deflate settings (level 6, 32 KiB windows, context takeover) including
 * Storm's rule that messages under {@link DeflateOptions#DEFAULT_MINIMUM_SIZE} bytes go out
 * uncompressed, expressed as Netty's encoder filter.
 */
final class NettyWebSocketEchoServer implements EchoServer {
    /** The handshake request has no body; the aggregator only has to assemble its headers. */
    private static final int MAX_HANDSHAKE_CONTENT = 8192;

    private final EventLoopGroup group;
    private final Channel channel;
    private final Transport transport;

    private NettyWebSocketEchoServer(EventLoopGroup group, Channel channel, Transport transport) {
        this.group = group;
        this.channel = channel;
        this.transport = transport;
    }

    static EchoServer start(EchoServerOptions options) throws Exception {
        NettyTransport transport = NettyTransport.automatic();
        SslContext ssl = options.proto().secure() ? Tls.serverContext(Tls.certificate()) : null;
        boolean compression = options.compression();
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .allowExtensions(compression)
                .maxFramePayloadLength(StormWebSocketEchoServer.MAX_MESSAGE_SIZE)
                .build();
        EventLoopGroup group = transport.newGroup(options.ioThreads(), "netty-ws-echo");
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ChannelPipeline p = ch.pipeline();
                            if (ssl != null) {
                                p.addLast(ssl.newHandler(ch.alloc()));
                            }
                            p.addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_HANDSHAKE_CONTENT));
                            if (compression) {
                                p.addLast(compressionHandler());
                            }
                            p.addLast(new WebSocketServerProtocolHandler(config), FrameEcho.INSTANCE);
                        }
                    })
                    .bind(options.port()).sync().channel();
            return new NettyWebSocketEchoServer(group, channel, transport.transport());
        } catch (Exception | Error e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Netty's WebSocketServerCompressionHandler with Storm's defaults spelled out. */
    private static WebSocketServerExtensionHandler compressionHandler() {
        WebSocketExtensionFilter small = frame -> frame.content().readableBytes() < DeflateOptions.DEFAULT_MINIMUM_SIZE;
        WebSocketExtensionFilterProvider filters = new WebSocketExtensionFilterProvider() {
            @Override
            public WebSocketExtensionFilter encoderFilter() {
                return small;
            }

            @Override
            public WebSocketExtensionFilter decoderFilter() {
                return WebSocketExtensionFilter.NEVER_SKIP;
            }
        };
        return new WebSocketServerExtensionHandler(new PerMessageDeflateServerExtensionHandshaker(
                DeflateOptions.DEFAULT_COMPRESSION_LEVEL, ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(),
                PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, false, false,
                PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE,
                PerMessageDeflateServerExtensionHandshaker.DEFAULT_MEM_LEVEL, filters,
                StormWebSocketEchoServer.MAX_MESSAGE_SIZE));
    }

    @Override
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Writes every data frame back unchanged; flushes once per read batch. */
    @ChannelHandler.Sharable
    static final class FrameEcho extends ChannelInboundHandlerAdapter {
        static final FrameEcho INSTANCE = new FrameEcho();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof BinaryWebSocketFrame || msg instanceof TextWebSocketFrame
                    || msg instanceof ContinuationWebSocketFrame) {
                ctx.write(msg, ctx.voidPromise());
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
