package io.stormsocket.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts the bytes crossing the socket into the session's metrics; first in the pipeline so it
 * sees wire bytes. Runs on the channel's event loop.
 */
final class TrafficHandler extends ChannelDuplexHandler {
    private final SessionStats stats;

    TrafficHandler(SessionStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        stats.addBytesIn(size(msg));
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        stats.addBytesOut(size(msg));
        ctx.write(msg, promise);
    }

    private static int size(Object msg) {
        if (msg instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        if (msg instanceof ByteBufHolder holder) {
            return holder.content().readableBytes();
        }
        return 0;
    }
}
