package io.stormsocket.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.stormsocket.core.BroadcastResult;
import io.stormsocket.core.Broadcaster;
import io.stormsocket.core.StormFuture;
import java.util.function.Supplier;

/**
 * A {@link Broadcaster} over a changing set of sessions: encodes each message once with the
 * server's codec, then hands it to {@link Broadcasts#fanOut}. Thread-safe. The registry extends it;
 * groups use it with a supplier of their members.
 */
class SessionBroadcaster implements Broadcaster {
    private static final long NOBODY = -1;

    private final Supplier<Iterable<DefaultSession>> targets;
    private final OutboundEncoder encoder;
    private final ByteBufAllocator alloc;

    SessionBroadcaster(Supplier<Iterable<DefaultSession>> targets, OutboundEncoder encoder, ByteBufAllocator alloc) {
        this.targets = targets;
        this.encoder = encoder;
        this.alloc = alloc;
    }

    @Override
    public StormFuture<BroadcastResult> broadcast(String text) {
        return broadcast(text, NOBODY);
    }

    @Override
    public StormFuture<BroadcastResult> broadcast(String text, long excludedSessionId) {
        return send(text, excludedSessionId);
    }

    @Override
    public StormFuture<BroadcastResult> broadcast(byte[] data) {
        return broadcast(data, NOBODY);
    }

    @Override
    public StormFuture<BroadcastResult> broadcast(byte[] data, long excludedSessionId) {
        return send(data, excludedSessionId);
    }

    @Override
    public StormFuture<BroadcastResult> broadcast(ByteBuf data) {
        return broadcast(data, NOBODY);
    }

    @Override
    public StormFuture<BroadcastResult> broadcast(ByteBuf data, long excludedSessionId) {
        return send(data, excludedSessionId);
    }

    @Override
    public StormFuture<BroadcastResult> broadcastFrame(Object frame) {
        return broadcastFrame(frame, NOBODY);
    }

    @Override
    public StormFuture<BroadcastResult> broadcastFrame(Object frame, long excludedSessionId) {
        if (frame == null) {
            return StormFuture.failed(new NullPointerException("frame"));
        }
        return send(frame, excludedSessionId);
    }

    private StormFuture<BroadcastResult> send(Object message, long excludedSessionId) {
        Object frame;
        try {
            frame = encoder.encodeBroadcast(message, alloc);
        } catch (RuntimeException e) {
            return StormFuture.failed(e);
        }
        return Broadcasts.fanOut(targets.get(), frame, excludedSessionId);
    }
}
