package io.stormsocket.benchmarks.broadcast;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupException;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.stormsocket.benchmarks.echo.NettyTransport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The raw-Netty baseline, the fan-out an expert writes: every channel joins a
 * {@link DefaultChannelGroup} when active (it leaves by itself when closed), and each message is
 * framed once into one pooled buffer and handed to {@link ChannelGroup#writeAndFlush(Object)},
 * which writes a retained duplicate to every member and releases the original. The group future
 * completes when every member's write did. Same transport, event loops, backlog and TCP_NODELAY
 * as the Storm server.
 */
final class NettyBroadcastServer implements BroadcastServer {
    private final EventLoopGroup loops;
    private final Channel channel;
    private final ChannelGroup group;
    private final CountDownLatch joined;

    private NettyBroadcastServer(EventLoopGroup loops, Channel channel, ChannelGroup group, CountDownLatch joined) {
        this.loops = loops;
        this.channel = channel;
        this.group = group;
        this.joined = joined;
    }

    static BroadcastServer start(BroadcastOptions options) throws InterruptedException {
        NettyTransport transport = NettyTransport.automatic();
        ChannelGroup group = new DefaultChannelGroup("subscribers", GlobalEventExecutor.INSTANCE);
        CountDownLatch joined = new CountDownLatch(options.sessions());
        Join join = new Join(group, joined);
        EventLoopGroup loops = transport.newGroup(options.ioThreads(), "netty-broadcast");
        try {
            Channel channel = new ServerBootstrap()
                    .group(loops)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, BroadcastBench.BACKLOG)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(join);
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            return new NettyBroadcastServer(loops, channel, group, joined);
        } catch (InterruptedException | RuntimeException | Error e) {
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    @Override
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public boolean awaitSubscribers(int count, Duration timeout) throws InterruptedException {
        return joined.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && group.size() == count;
    }

    @Override
    public CompletableFuture<Long> publish(int size, long sequence, long timestamp, boolean measured) {
        ByteBuf frame = BroadcastMessage.framed(PooledByteBufAllocator.DEFAULT, size, sequence, timestamp, measured);
        CompletableFuture<Long> missed = new CompletableFuture<>();
        group.writeAndFlush(frame).addListener(future -> {
            if (future.isSuccess()) {
                missed.complete(0L);
            } else if (future.cause() instanceof ChannelGroupException partial) {
                long failed = 0;
                for (var ignored : partial) {
                    failed++;
                }
                missed.complete(failed);
            } else {
                missed.complete((long) group.size());
            }
        });
        return missed;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Adds each channel to the group when it becomes active; subscribers send nothing. */
    @ChannelHandler.Sharable
    static final class Join extends ChannelInboundHandlerAdapter {
        private final ChannelGroup group;
        private final CountDownLatch joined;

        Join(ChannelGroup group, CountDownLatch joined) {
            this.group = group;
            this.joined = joined;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            group.add(ctx.channel());
            joined.countDown();
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
