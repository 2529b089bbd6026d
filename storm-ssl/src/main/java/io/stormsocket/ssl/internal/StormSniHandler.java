package io.stormsocket.ssl.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.AttributeKey;
import io.netty.util.Mapping;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;

/**
 * Netty's {@link SniHandler} with Storm's handshake timeout applied end to end.
 *
 * <p>Netty's own ClientHello timer reports a timeout only as an {@code SniCompletionEvent}, which
 * Storm's session handler does not treat as a handshake failure, so that timer is disabled (timeout
 * 0 passed to the superclass) and this handler runs its own: if no ClientHello has arrived by the
 * deadline it fires a failed {@link SslHandshakeCompletionEvent}, exactly what an
 * {@link SslHandler} fires, and closes. The {@link SslHandler} that replaces it gets what is left of
 * the same deadline, keeps the pipeline name this handler had, and the requested host name is
 * recorded in {@link #SERVER_NAME} for {@code TlsSessions.serverName}.
 *
 * <p>Threading: every method runs on the channel's event loop.
 */
public final class StormSniHandler extends SniHandler {
    /** The SNI host name the client asked for, set when the ClientHello has been read. */
    public static final AttributeKey<String> SERVER_NAME = AttributeKey.valueOf("storm-tls-server-name");

    private final long timeoutMillis;
    private long deadlineNanos;
    private ScheduledFuture<?> timer;

    /**
     * Creates the handler for one connection.
     *
     * @param mapping host name (null when the client sent none) to context
     * @param timeoutMillis the whole handshake's timeout, ClientHello included
     */
    public StormSniHandler(Mapping<? super String, ? extends SslContext> mapping, long timeoutMillis) {
        super(mapping, 0L);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        if (ctx.channel().isActive()) {
            startTimer(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        super.channelActive(ctx);
        startTimer(ctx);
    }

    private void startTimer(ChannelHandlerContext ctx) {
        if (timer != null || timeoutMillis <= 0) {
            return;
        }
        deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        timer = ctx.executor().schedule(() -> timedOut(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void timedOut(ChannelHandlerContext ctx) {
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        ctx.fireUserEventTriggered(new SslHandshakeCompletionEvent(new SslHandshakeTimeoutException(
                "handshake timed out after " + timeoutMillis + "ms (no ClientHello)")));
        ctx.close();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        if (timer != null) {
            timer.cancel(false);
        }
        super.handlerRemoved0(ctx);
    }

    /**
     * Reports a ClientHello Netty refuses as too long (over 64 KiB) as the TLS failure it is: Netty
     * throws a {@link TooLongFrameException}, which would close the session as a protocol error,
     * where the same bytes without SNI fail the SslHandler and close it with {@code TLS_ERROR}.
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        try {
            super.decode(ctx, in, out);
        } catch (TooLongFrameException tooLong) {
            SSLHandshakeException failure = new SSLHandshakeException("invalid ClientHello: " + tooLong.getMessage());
            failure.initCause(tooLong);
            throw failure;
        }
    }

    @Override
    protected void replaceHandler(ChannelHandlerContext ctx, String hostname, SslContext sslContext) {
        if (hostname != null) {
            ctx.channel().attr(SERVER_NAME).set(hostname);
        }
        SslHandler sslHandler = newSslHandler(sslContext, ctx.alloc());
        try {
            // Same name: whoever looks the TLS stage up by name still finds it.
            ctx.pipeline().replace(this, ctx.name(), sslHandler);
            sslHandler = null;
        } finally {
            if (sslHandler != null) {
                // Not in the pipeline, so the engine was never handed over; release it here.
                ReferenceCountUtil.safeRelease(sslHandler.engine());
            }
        }
    }

    @Override
    protected SslHandler newSslHandler(SslContext context, ByteBufAllocator allocator) {
        SslHandler handler = context.newHandler(allocator);
        long remaining = timer == null ? timeoutMillis
                : TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        handler.setHandshakeTimeoutMillis(Math.max(1, remaining));
        return handler;
    }
}
