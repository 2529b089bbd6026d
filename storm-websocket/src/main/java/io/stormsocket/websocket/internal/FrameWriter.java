package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The outbound half of an upgraded connection: compresses messages that need it (in write order,
 * so the deflate context stays consistent) and runs the closing handshake a graceful close starts:
 * send Close, then complete the close's write when the peer's Close arrives or the close timeout
 * passes, after which the connection closes. After a protocol failure (Close already sent) it ends
 * the output and lets the peer close first, so the peer receives everything before the end.
 *
 * <p>Threading: event loop only. Owns the connection's deflater.
 */
final class FrameWriter extends ChannelOutboundHandlerAdapter {
    private final WebSocketConnection connection;
    private final MessageDeflater deflater;
    /** The graceful close waiting for the peer's Close, if any. */
    private ChannelPromise closing;
    private ScheduledFuture<?> closeTimer;

    FrameWriter(WebSocketConnection connection) {
        this.connection = connection;
        DeflateParameters agreed = connection.deflate();
        if (agreed == null) {
            this.deflater = null;
        } else {
            boolean client = connection.isClient();
            this.deflater = new MessageDeflater(client ? agreed.clientMaxWindowBits() : agreed.serverMaxWindowBits(),
                    client ? agreed.clientNoContextTakeover() : agreed.serverNoContextTakeover(),
                    connection.options().compression().compressionLevel());
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof PendingDeflate pending) {
            writeCompressed(ctx, pending, promise);
        } else if (msg instanceof BroadcastFrame broadcast) {
            writeBroadcast(ctx, broadcast, promise);
        } else if (msg instanceof CloseIntent intent) {
            startClosingHandshake(ctx, intent, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void writeCompressed(ChannelHandlerContext ctx, PendingDeflate pending, ChannelPromise promise) {
        ByteBuf frame;
        try {
            ByteBuf compressed = deflater.deflate(pending.content(), ctx.alloc());
            try {
                frame = FrameEncoder.encode(ctx.alloc(), pending.opcode, true, compressed, connection.masks());
            } finally {
                compressed.release();
            }
        } catch (RuntimeException e) {
            promise.tryFailure(e);
            return;
        } finally {
            pending.release();
        }
        ctx.write(frame, promise);
    }

    /**
     * Writes this recipient's bytes of a broadcast: the shared compressed frame when this
     * connection compresses every message afresh, the plain frame otherwise.
     */
    private void writeBroadcast(ChannelHandlerContext ctx, BroadcastFrame broadcast, ChannelPromise promise) {
        ByteBuf bytes;
        try {
            DeflateParameters agreed = connection.deflate();
            boolean shared = deflater != null && !connection.isClient() && agreed.serverNoContextTakeover()
                    && broadcast.payloadLength() >= connection.options().compression().minimumSize();
            bytes = shared ? broadcast.compressedFrame(agreed.serverMaxWindowBits(), ctx.alloc()).retainedDuplicate()
                    : broadcast.content().retainedDuplicate();
        } catch (RuntimeException e) {
            promise.tryFailure(e);
            return;
        } finally {
            broadcast.release();
        }
        ctx.write(bytes, promise);
    }

    private void startClosingHandshake(ChannelHandlerContext ctx, CloseIntent intent, ChannelPromise promise) {
        if (connection.closeReceived) {
            // The handshake is over: close once our answer is flushed.
            ctx.write(Unpooled.EMPTY_BUFFER, promise);
            return;
        }
        if (!intent.awaitPeer()) {
            // The connection ends once the Close is flushed (RFC 6455 section 7.1.1 allows closing
            // the TCP connection without waiting when the peer is considered gone).
            if (connection.closeSent) {
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER, promise);
            } else {
                connection.closeSent = true;
                ctx.writeAndFlush(connection.closeFrame(intent.status()), promise);
            }
            return;
        }
        closing = promise;
        if (connection.closeSent) {
            // A failure already sent Close and the decoder now discards what the peer sends. Closing
            // the socket with the peer's frames still arriving would answer them with a reset, and a
            // reset can destroy the Close, and the replies just before it, in the peer's receive
            // buffer. So finish our direction and drain until the peer closes or the timeout passes.
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> finishOutput(ctx));
        } else {
            connection.closeSent = true;
            ctx.writeAndFlush(connection.closeFrame(intent.status()));
        }
        long nanos = connection.options().closeTimeout().toNanos();
        closeTimer = ctx.executor().schedule(this::closingHandshakeDone, nanos, TimeUnit.NANOSECONDS);
    }

    /** Ends our direction of the connection: TLS close_notify, or a TCP half-close (FIN). */
    private static void finishOutput(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls != null) {
            tls.closeOutbound();
        } else if (channel instanceof DuplexChannel duplex && duplex.isActive()) {
            duplex.shutdownOutput();
        }
    }

    /** The peer answered our Close (or never will): let the graceful close go ahead. Event loop. */
    void closingHandshakeDone() {
        if (closeTimer != null) {
            closeTimer.cancel(false);
            closeTimer = null;
        }
        ChannelPromise done = closing;
        closing = null;
        if (done != null) {
            done.trySuccess();
        }
    }

    /** {@return whether a graceful close is waiting for the peer's Close} */
    boolean awaitingPeerClose() {
        return closing != null;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        closingHandshakeDone();
        if (deflater != null) {
            deflater.close();
        }
    }
}
