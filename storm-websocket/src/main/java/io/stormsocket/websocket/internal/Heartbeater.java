package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Session;
import io.stormsocket.websocket.Heartbeat;
import java.util.concurrent.TimeUnit;

/**
 * Sends a ping every interval and drops the connection with
 * {@link CloseReason#HEARTBEAT_TIMEOUT} (Close 1001 first) when too many in a row went
 * unanswered. Every frame the peer sends counts as an answer: a busy peer whose pong waits behind
 * its data is not dead.
 *
 * <p>Threading: event loop only.
 */
final class Heartbeater {
    private final WebSocketConnection connection;
    private final Heartbeat heartbeat;
    private ScheduledFuture<?> timer;
    private int unanswered;

    Heartbeater(WebSocketConnection connection, Heartbeat heartbeat) {
        this.connection = connection;
        this.heartbeat = heartbeat;
    }

    void start(ChannelHandlerContext ctx) {
        if (!heartbeat.enabled()) {
            return;
        }
        long nanos = heartbeat.interval().toNanos();
        // Fixed delay, not fixed rate: after the loop was held up, missed ticks must not fire back
        // to back and count pings the peer never had a chance to answer.
        timer = ctx.executor().scheduleWithFixedDelay(() -> tick(ctx), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private void tick(ChannelHandlerContext ctx) {
        if (connection.closeSent || !ctx.channel().isActive()) {
            stop();
            return;
        }
        if (unanswered >= heartbeat.maxMissedPongs()) {
            stop();
            timedOut(ctx);
            return;
        }
        unanswered++;
        ByteBuf body = ctx.alloc().buffer(8).writeLong(System.nanoTime());
        try {
            ctx.writeAndFlush(connection.controlFrame(Opcodes.PING, body));
        } finally {
            body.release();
        }
    }

    /**
     * Drops the silent peer: Close 1001 ("heartbeat timeout") then FIN, without waiting for the
     * peer's Close. A peer that is gone may never take even that frame off our send buffer, so the
     * connection is reset after one more interval, or at once when writes are already backed up.
     */
    private void timedOut(ChannelHandlerContext ctx) {
        Session session = connection.session();
        if (!ctx.channel().isWritable()) {
            session.abort(CloseReason.HEARTBEAT_TIMEOUT);
            return;
        }
        session.close(CloseReason.HEARTBEAT_TIMEOUT);
        ctx.executor().schedule(() -> {
            if (ctx.channel().isOpen()) {
                session.abort(CloseReason.HEARTBEAT_TIMEOUT);
            }
        }, heartbeat.interval().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The peer sent a frame: a pong, or anything else that proves it is alive. */
    void peerAlive() {
        unanswered = 0;
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
