package io.stormsocket.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.netty.channel.EventLoop;
import io.stormsocket.core.BroadcastResult;
import io.stormsocket.core.StormFuture;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans one encoded frame out to many sessions: groups the targets by event loop, submits one task
 * per loop that writes a retained duplicate to each of its sessions, and tallies the outcomes.
 *
 * <p>Threading: {@link #fanOut} runs on the caller's thread; each loop task on its event loop; the
 * tally is atomic and completes the future on whichever loop finishes last.
 */
final class Broadcasts {
    private static final BroadcastResult NOBODY = new BroadcastResult(0, 0, 0, 0);

    private Broadcasts() {
    }

    /**
     * Writes {@code frame} to every target except {@code excludedId}; takes ownership of the frame.
     *
     * @param targets the sessions to reach
     * @param frame the encoded frame
     * @param excludedId a session id to skip, or a negative value for none
     * @return the outcome, once every target has accepted, dropped or refused the frame
     */
    static StormFuture<BroadcastResult> fanOut(Iterable<DefaultSession> targets, Object frame, long excludedId) {
        Map<EventLoop, List<DefaultSession>> byLoop = new IdentityHashMap<>();
        for (DefaultSession session : targets) {
            if (session.id() != excludedId) {
                byLoop.computeIfAbsent(session.eventLoop(), loop -> new ArrayList<>()).add(session);
            }
        }
        if (byLoop.isEmpty()) {
            ReferenceCountUtil.release(frame);
            return StormFuture.succeeded(NOBODY);
        }
        Tally tally = new Tally(byLoop.size());
        try {
            for (Map.Entry<EventLoop, List<DefaultSession>> entry : byLoop.entrySet()) {
                EventLoop loop = entry.getKey();
                List<DefaultSession> sessions = entry.getValue();
                ReferenceCountUtil.retain(frame);
                Runnable task = () -> writeAll(sessions, frame, tally);
                if (loop.inEventLoop()) {
                    task.run();
                } else {
                    try {
                        loop.execute(task);
                    } catch (RejectedExecutionException stopped) {
                        ReferenceCountUtil.release(frame);
                        tally.add(0, 0, 0, sessions.size());
                    }
                }
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
        return tally.promise.future();
    }

    private static void writeAll(List<DefaultSession> sessions, Object frame, Tally tally) {
        int delivered = 0;
        int dropped = 0;
        int disconnected = 0;
        int failed = 0;
        try {
            for (DefaultSession session : sessions) {
                switch (session.offerBroadcast(share(frame))) {
                    case ACCEPTED -> delivered++;
                    case DROPPED -> dropped++;
                    case DISCONNECTED -> disconnected++;
                    default -> failed++;
                }
            }
        } finally {
            ReferenceCountUtil.release(frame);
            tally.add(delivered, dropped, disconnected, failed);
        }
    }

    /**
     * One recipient's reference: a buffer's duplicate (each write moves its own indices), or the
     * same protocol holder retained (the protocol writes duplicates of what it holds).
     */
    private static Object share(Object frame) {
        return frame instanceof ByteBuf buf ? buf.retainedDuplicate() : ReferenceCountUtil.retain(frame);
    }

    /** Adds up per-loop outcomes; the last loop to report completes the future. */
    private static final class Tally {
        final StormFuture.Promise<BroadcastResult> promise = StormFuture.promise();
        private final AtomicInteger loopsLeft;
        private final AtomicInteger delivered = new AtomicInteger();
        private final AtomicInteger dropped = new AtomicInteger();
        private final AtomicInteger disconnected = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();

        Tally(int loops) {
            this.loopsLeft = new AtomicInteger(loops);
        }

        void add(int delivered, int dropped, int disconnected, int failed) {
            this.delivered.addAndGet(delivered);
            this.dropped.addAndGet(dropped);
            this.disconnected.addAndGet(disconnected);
            this.failed.addAndGet(failed);
            if (loopsLeft.decrementAndGet() == 0) {
                promise.succeed(new BroadcastResult(this.delivered.get(), this.dropped.get(),
                        this.disconnected.get(), this.failed.get()));
            }
        }
    }
}
