package io.stormsocket.benchmarks.echo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One client connection: sends, checks and times echoes. Every wire message has the same size
 * (framing header, payload, framing trailer), so the handler parses in place without allocating
 * frames, and writes the replacement messages of one read batch as one buffer, flushed once in
 * {@code channelReadComplete}.
 *
 * <p>Threading: all state is touched on the channel's event loop only; the histogram is shared
 * with the other connections of the same event loop.
 */
final class EchoClientHandler extends ByteToMessageDecoder {
    private final EchoClient client;
    private final Histogram histogram;
    private final int size;
    private final int wireSize;
    private final Framing framing;
    private final long[] sentAt;
    private long sendSeq;
    private long receiveSeq;
    private long batchTime;
    private long batchReceived;
    private ByteBuf out;

    EchoClientHandler(EchoClient client, Histogram histogram) {
        this.client = client;
        this.histogram = histogram;
        EchoClientOptions options = client.options();
        this.size = options.size();
        this.framing = options.framing();
        this.wireSize = framing.headerBytes() + size + framing.trailerBytes();
        this.sentAt = new long[options.inFlight()];
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        batchTime = System.nanoTime();
        for (int i = 0; i < sentAt.length; i++) {
            append(ctx);
        }
        flushBatch(ctx);
        client.connectionReady();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        batchTime = System.nanoTime();
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> unused) {
        boolean measuring = client.measuring();
        boolean stopping = client.stopping();
        while (in.readableBytes() >= wireSize) {
            int at = in.readerIndex();
            if (!matches(in, at, receiveSeq)) {
                client.countError();
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            in.skipBytes(wireSize);
            if (measuring) {
                histogram.recordValue(Math.max(0, batchTime - sentAt[(int) (receiveSeq % sentAt.length)]));
                batchReceived++;
            }
            receiveSeq++;
            if (!stopping) {
                append(ctx);
            }
        }
    }

    private boolean matches(ByteBuf in, int at, long seq) {
        int offset = (int) (seq % client.patternPeriod());
        return switch (framing) {
            case LENGTH -> in.getInt(at) == size && ByteBufUtil.equals(in, at + 4, client.pattern(), offset, size);
            case LINE -> ByteBufUtil.equals(in, at, client.pattern(), offset, size) && in.getByte(at + size) == '\n';
            case RAW -> ByteBufUtil.equals(in, at, client.pattern(), offset, size);
        };
    }

    private void append(ChannelHandlerContext ctx) {
        if (out == null) {
            out = ctx.alloc().buffer(wireSize * 16);
        }
        if (framing == Framing.LENGTH) {
            out.writeInt(size);
        }
        out.writeBytes(client.pattern(), (int) (sendSeq % client.patternPeriod()), size);
        if (framing == Framing.LINE) {
            out.writeByte('\n');
        }
        sentAt[(int) (sendSeq % sentAt.length)] = batchTime;
        sendSeq++;
    }

    private void flushBatch(ChannelHandlerContext ctx) {
        if (out != null) {
            ByteBuf batch = out;
            out = null;
            ctx.writeAndFlush(batch, ctx.voidPromise());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (batchReceived > 0) {
            client.countReceived(batchReceived);
            batchReceived = 0;
        }
        flushBatch(ctx);
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!client.stopping()) {
            client.countError();
        }
        if (out != null) {
            out.release();
            out = null;
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
