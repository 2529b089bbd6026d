package io.stormsocket.core.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.stormsocket.core.SendResult;
import io.stormsocket.core.StormFuture;

/**
 * The channel promise of one send, or of the replies of one read batch (then on the empty
 * buffer written after them): when Netty settles the write it tells the session's writer
 * directly, so a send costs no separate listener object and no listener notification on the hot
 * path. Completes exactly like a {@link DefaultChannelPromise} for anything else that watches it.
 *
 * <p>Threading: settled on the channel's event loop.
 */
final class SendPromise extends DefaultChannelPromise {
    /** What a settled write reports to. */
    interface Settlement {
        void written(SendPromise promise);

        void failed(SendPromise promise, Throwable cause);
    }

    private final Settlement settlement;
    final StormFuture.Promise<SendResult> result;
    final long size;
    final int frames;

    /**
     * Creates the promise.
     *
     * @param channel the session's channel
     * @param settlement told once, when the write succeeds or fails
     * @param result what the settlement completes (a send's promise), or {@code null}
     * @param size the frames' bytes, for unwritten-byte accounting
     * @param frames how many frames the write settles: one, or a read batch's replies
     */
    SendPromise(Channel channel, Settlement settlement, StormFuture.Promise<SendResult> result, long size, int frames) {
        super(channel);
        this.settlement = settlement;
        this.result = result;
        this.size = size;
        this.frames = frames;
    }

    @Override
    public boolean trySuccess(Void value) {
        boolean settled = super.trySuccess(value);
        if (settled) {
            settlement.written(this);
        }
        return settled;
    }

    @Override
    public ChannelPromise setSuccess(Void value) {
        if (!trySuccess(value)) {
            throw new IllegalStateException("complete already: " + this);
        }
        return this;
    }

    @Override
    public boolean tryFailure(Throwable cause) {
        boolean settled = super.tryFailure(cause);
        if (settled) {
            settlement.failed(this, cause);
        }
        return settled;
    }

    @Override
    public ChannelPromise setFailure(Throwable cause) {
        if (!tryFailure(cause)) {
            throw new IllegalStateException("complete already: " + this, cause);
        }
        return this;
    }
}
