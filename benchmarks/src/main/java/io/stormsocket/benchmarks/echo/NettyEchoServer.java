package io.stormsocket.benchmarks.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.handler.codec.Delimiters;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.Transport;
import io.stormsocket.core.codec.LengthPrefixCodec;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The raw-Netty echo baseline, written the way an expert writes it: the frame decoder hands on a
 * retained slice of the payload, the echo handler frames it into one pooled buffer (header,
 * payload and trailer together, never {@code LengthFieldPrepender}'s two buffers) and writes it
 * without flushing, and the channel is flushed once per read batch in
 * {@code channelReadComplete}. It does the same work as Storm's echo: decode, hand the payload
 * to the application, encode, write.
 */
final class NettyEchoServer implements EchoServer {
    private static final byte NEWLINE = '\n';

    private final EventLoopGroup group;
    private final Channel channel;
    private final Transport transport;

    private NettyEchoServer(EventLoopGroup group, Channel channel, Transport transport) {
        this.group = group;
        this.channel = channel;
        this.transport = transport;
    }

    static EchoServer start(EchoServerOptions options) throws Exception {
        NettyTransport transport = NettyTransport.automatic();
        SslContext ssl = options.proto().secure() ? Tls.serverContext(Tls.certificate()) : null;
        Framing framing = options.framing();
        EventLoopGroup group = transport.newGroup(options.ioThreads(), "netty-echo");
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
                            switch (framing) {
                                case LENGTH -> p.addLast(new LengthDecoder(), new FramingEcho(framing));
                                case LINE -> p.addLast(
                                        new DelimiterBasedFrameDecoder(LengthPrefixCodec.DEFAULT_MAX_FRAME_LENGTH,
                                                Delimiters.lineDelimiter()[1]),
                                        new FramingEcho(framing));
                                case RAW -> p.addLast(new RawEcho());
                            }
                        }
                    })
                    .bind(options.port()).sync().channel();
            return new NettyEchoServer(group, channel, transport.transport());
        } catch (Exception | Error e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    @Override
    public int port() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
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

    /** 4-byte big-endian length prefix, as Storm's default codec; emits retained payload slices. */
    static final class LengthDecoder extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            while (in.readableBytes() >= 4) {
                int start = in.readerIndex();
                int length = in.getInt(start);
                if (length < 0 || length > LengthPrefixCodec.DEFAULT_MAX_FRAME_LENGTH) {
                    in.skipBytes(in.readableBytes());
                    ctx.close();
                    return;
                }
                if (in.readableBytes() < 4 + length) {
                    return;
                }
                in.skipBytes(4);
                out.add(in.readRetainedSlice(length));
            }
        }
    }

    /** Frames each payload into one buffer and writes it; flushes once per read batch. */
    static final class FramingEcho extends ChannelInboundHandlerAdapter {
        private final Framing framing;

        FramingEcho(Framing framing) {
            this.framing = framing;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf payload = (ByteBuf) msg;
            try {
                int length = payload.readableBytes();
                ByteBuf out = ctx.alloc().buffer(framing.headerBytes() + length + framing.trailerBytes());
                if (framing == Framing.LENGTH) {
                    out.writeInt(length);
                }
                out.writeBytes(payload, payload.readerIndex(), length);
                if (framing == Framing.LINE) {
                    out.writeByte(NEWLINE);
                }
                ctx.write(out, ctx.voidPromise());
            } finally {
                payload.release();
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

    /** Raw bytes: writes each read buffer back as it is; flushes once per read batch. */
    @ChannelHandler.Sharable
    static final class RawEcho extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf) {
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
