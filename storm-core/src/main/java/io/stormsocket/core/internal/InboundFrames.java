package io.stormsocket.core.internal;

import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.Payload;
import io.stormsocket.core.SessionClosedException;
import io.stormsocket.core.StormFuture;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * The pull side of a session: {@code receive()} waiters, the {@code frames()} subscriber, and in
 * passive mode the frames read beyond current demand.
 *
 * <p>Threading: every method runs on the session's event loop; the subscriber's signals are sent
 * from there too.
 */
final class InboundFrames {
    /** What the session does for us. */
    interface Host {
        /** Asks the channel for one more read. */
        void requestRead();

        /** Reading switched between continuous (active) and on demand (passive). */
        void passiveChanged(boolean passive);
    }

    private final ArrayDeque<StormFuture.Promise<Payload>> waiters = new ArrayDeque<>();
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private final Host host;
    private final Executor loop;
    private final long sessionId;
    private FrameSubscription subscription;
    private boolean passive;
    private boolean passiveBeforeSubscribe;
    private boolean closed;
    private boolean draining;

    InboundFrames(long sessionId, Host host, Executor loop) {
        this.sessionId = sessionId;
        this.host = host;
        this.loop = loop;
    }

    boolean isPassive() {
        return passive;
    }

    /** Switches mode; returns frames queued in passive mode that active mode must now push. */
    ArrayDeque<Object> passive(boolean on) {
        setPassive(on);
        if (on) {
            requestReadIfWanted();
            return null;
        }
        if (queued.isEmpty()) {
            return null;
        }
        ArrayDeque<Object> pending = new ArrayDeque<>(queued);
        queued.clear();
        return pending;
    }

    /**
     * Takes a frame in passive mode (ownership passes to the puller or the queue). In active mode,
     * hands a retained copy to the oldest waiting {@code receive()}, and the caller pushes the frame.
     *
     * @return {@code true} if the frame was consumed here (passive mode)
     */
    boolean offer(Object frame) {
        if (!passive) {
            StormFuture.Promise<Payload> waiter = waiters.poll();
            if (waiter != null) {
                Payload copy = Payload.wrap(ReferenceCountUtil.retain(frame));
                if (!waiter.succeed(copy)) {
                    copy.close();
                }
            }
            return false;
        }
        queued.add(frame);
        drain();
        return true;
    }

    void receive(StormFuture.Promise<Payload> promise) {
        if (!queued.isEmpty()) {
            deliverToWaiter(promise, queued.poll());
            return;
        }
        if (closed) {
            promise.fail(new SessionClosedException("session " + sessionId + " is closed; nothing to receive"));
            return;
        }
        waiters.add(promise);
        requestReadIfWanted();
    }

    void subscribe(Flow.Subscriber<? super Payload> subscriber) {
        if (subscription != null) {
            subscriber.onSubscribe(new FrameSubscription(this, subscriber));
            subscriber.onError(new IllegalStateException("session " + sessionId + " already has a frames() subscriber"));
            return;
        }
        subscription = new FrameSubscription(this, subscriber);
        passiveBeforeSubscribe = passive;
        setPassive(true);
        subscriber.onSubscribe(subscription);
        if (closed) {
            completeSubscriber();
        } else {
            drain();
        }
    }

    void request(FrameSubscription from, long n) {
        if (from != subscription) {
            return;
        }
        if (n <= 0) {
            cancel(from);
            from.subscriber.onError(new IllegalArgumentException("request(n) needs n > 0, got " + n));
            return;
        }
        from.demand = from.demand + n < 0 ? Long.MAX_VALUE : from.demand + n;
        drain();
    }

    void cancel(FrameSubscription from) {
        if (from != subscription) {
            return;
        }
        subscription = null;
        setPassive(passiveBeforeSubscribe);
        if (!passive) {
            releaseQueued();
        }
    }

    private void setPassive(boolean on) {
        passive = on;
        host.passiveChanged(on);
    }

    /** Called after a read batch: keep reading while pullers want more than is queued. */
    void readComplete() {
        requestReadIfWanted();
    }

    /** The session closed: serve what is queued to current demand, then end the pull side. */
    void close() {
        closed = true;
        drain();
        releaseQueued();
        StormFuture.Promise<Payload> waiter;
        while ((waiter = waiters.poll()) != null) {
            waiter.fail(new SessionClosedException("session " + sessionId + " closed before a frame arrived"));
        }
        if (subscription != null) {
            completeSubscriber();
        }
    }

    private void completeSubscriber() {
        FrameSubscription s = subscription;
        subscription = null;
        s.subscriber.onComplete();
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!queued.isEmpty()) {
                StormFuture.Promise<Payload> waiter = waiters.poll();
                if (waiter != null) {
                    deliverToWaiter(waiter, queued.poll());
                } else if (subscription != null && subscription.demand > 0) {
                    subscription.demand--;
                    subscription.subscriber.onNext(Payload.wrap(queued.poll()));
                } else {
                    break;
                }
            }
        } finally {
            draining = false;
        }
        requestReadIfWanted();
    }

    private static void deliverToWaiter(StormFuture.Promise<Payload> waiter, Object frame) {
        Payload payload = Payload.wrap(frame);
        if (!waiter.succeed(payload)) {
            payload.close();
        }
    }

    private void requestReadIfWanted() {
        if (passive && !closed && queued.isEmpty() && (!waiters.isEmpty() || (subscription != null && subscription.demand > 0))) {
            host.requestRead();
        }
    }

    private void releaseQueued() {
        Object frame;
        while ((frame = queued.poll()) != null) {
            ReferenceCountUtil.release(frame);
        }
    }

    /** The subscription handed to a {@code frames()} subscriber; hops to the event loop. */
    static final class FrameSubscription implements Flow.Subscription {
        private final InboundFrames owner;
        final Flow.Subscriber<? super Payload> subscriber;
        /** Outstanding demand; event loop only. */
        long demand;

        FrameSubscription(InboundFrames owner, Flow.Subscriber<? super Payload> subscriber) {
            this.owner = owner;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            owner.loop.execute(() -> owner.request(this, n));
        }

        @Override
        public void cancel() {
            owner.loop.execute(() -> owner.cancel(this));
        }
    }

    /** Runs a task on the session's event loop (at once when already there). */
    interface Executor {
        void execute(Runnable task);
    }
}
