package io.stormsocket.benchmarks.broadcast;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One subscriber session: parses the fixed-size length-prefixed messages in place, checks that
 * sequence numbers arrive without gaps from 0 up to the end marker, and records the lag of each
 * measured message (publish timestamp to the read batch that brought it).
 *
 * <p>Threading: all state is touched on the channel's event loop; the histogram is shared with the
 * other sessions of that loop; the totals in {@link BroadcastSubscribers} are thread-safe.
 */
final class SubscriberHandler extends ByteToMessageDecoder {
    private final BroadcastSubscribers subscribers;
    private final Histogram histogram;
    private final int size;
    private long expected;
    private long batchTime;
    private long deliveries;
    private long lastReceive;
    private boolean finished;

    SubscriberHandler(BroadcastSubscribers subscribers, Histogram histogram, int size) {
        this.subscribers = subscribers;
        this.histogram = histogram;
        this.size = size;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        batchTime = System.nanoTime();
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> unused) {
        int wireSize = 4 + size;
        while (!finished && in.readableBytes() >= wireSize) {
            int at = in.readerIndex();
            long sequence = in.getLong(at + 4 + BroadcastMessage.SEQUENCE_OFFSET);
            long timestamp = in.getLong(at + 4 + BroadcastMessage.TIMESTAMP_OFFSET);
            boolean measured = in.getByte(at + 4 + BroadcastMessage.MEASURED_OFFSET) != 0;
            int length = in.getInt(at);
            in.skipBytes(wireSize);
            if (length != size) {
                finish(ctx, "a message of " + length + " bytes, expected " + size);
            } else if (sequence == BroadcastMessage.END) {
                // The end marker carries the number of messages published.
                finish(ctx, expected == timestamp ? null : "got " + expected + " of " + timestamp + " messages");
            } else if (sequence != expected) {
                finish(ctx, "message " + sequence + " where " + expected + " was due");
            } else {
                expected++;
                if (measured) {
                    histogram.recordValue(Math.max(0, batchTime - timestamp));
                    deliveries++;
                    lastReceive = batchTime;
                }
            }
        }
        if (finished) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void finish(ChannelHandlerContext ctx, String error) {
        if (finished) {
            return;
        }
        finished = true;
        subscribers.sessionFinished(deliveries, lastReceive, error);
        if (error != null) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        finish(ctx, "disconnected before the end marker");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finish(ctx, cause.toString());
        ctx.close();
    }
}
