package io.stormsocket.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.Payload;
import io.stormsocket.core.SessionClosedException;
import io.stormsocket.core.StormFuture;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pull side of a session: {@code receive()} waiters, the {@code frames()} subscriber, and in
 * passive mode the frames read beyond current demand.
 *
 * <p>Threading: every method runs on the session's event loop, and the subscriber's signals are
 * sent from there. A subscriber that throws from a signal is treated as cancelled (Reactive
 * Streams rule 2.13) so that it cannot break the session's lifecycle.
 */
final class InboundFrames {
    private static final Logger LOG = LoggerFactory.getLogger(InboundFrames.class);

    /** What the session does for us. */
    interface Host {
        /** Asks the channel for one more read. */
        void requestRead();

        /** Reading switched between continuous (active) and on demand (passive). */
        void passiveChanged(boolean passive);

        /** Delivers a frame read in passive mode to the push handlers after a switch to active mode. */
        void push(Object frame);
    }

    /** Runs a task on the session's event loop (at once when already there); false if the loop stopped. */
    interface Executor {
        boolean execute(Runnable task);
    }

    // Most sessions never pull: the queues are made on first use (NONE stands in until then).
    private ArrayDeque<StormFuture.Promise<Payload>> waiters = emptyQueue();
    private ArrayDeque<Object> queued = emptyQueue();
    private final Host host;
    private final Executor loop;
    private final long sessionId;
    private FrameSubscription subscription;
    private boolean passive;
    private boolean passiveBeforeSubscribe;
    private boolean closed;
    private boolean draining;

    /** The shared, always empty queue of sessions that never queued anything; never added to. */
    private static final ArrayDeque<Object> NONE = new ArrayDeque<>(1);

    @SuppressWarnings("unchecked")
    private static <T> ArrayDeque<T> emptyQueue() {
        return (ArrayDeque<T>) (ArrayDeque<?>) NONE;
    }

    InboundFrames(long sessionId, Host host, Executor loop) {
        this.sessionId = sessionId;
        this.host = host;
        this.loop = loop;
    }

    boolean isPassive() {
        return passive;
    }

    /** Switches mode; leaving passive mode ends a {@code frames()} subscription and pushes what was queued. */
    void passive(boolean on) {
        if (!on && subscription != null) {
            completeSubscriber();
        }
        setPassive(on);
        if (on) {
            requestReadIfWanted();
        } else {
            pushQueued();
        }
    }

    /**
     * Takes a frame in passive mode (ownership passes to the puller or the queue). In active mode,
     * hands a retained duplicate to the oldest waiting {@code receive()}, and the caller pushes the
     * frame.
     *
     * @return {@code true} if the frame was consumed here (passive mode)
     */
    boolean offer(Object frame) {
        if (!passive) {
            StormFuture.Promise<Payload> waiter = waiters.poll();
            if (waiter != null) {
                Object copy = frame instanceof ByteBuf buf ? buf.retainedDuplicate() : ReferenceCountUtil.retain(frame);
                deliverToWaiter(waiter, copy);
            }
            return false;
        }
        if (queued == NONE) {
            queued = new ArrayDeque<>();
        }
        queued.add(frame);
        drain();
        return true;
    }

    void receive(StormFuture.Promise<Payload> promise) {
        if (promise.future().isDone()) {
            return;
        }
        if (!queued.isEmpty()) {
            deliverToWaiter(promise, queued.poll());
            return;
        }
        if (closed) {
            promise.fail(new SessionClosedException("session " + sessionId + " is closed; nothing to receive"));
            return;
        }
        if ((Object) waiters == NONE) {
            waiters = new ArrayDeque<>();
        }
        waiters.add(promise);
        requestReadIfWanted();
    }

    /** Forgets a waiter whose future was cancelled or timed out. */
    void abandon(StormFuture.Promise<Payload> promise) {
        waiters.remove(promise);
    }

    void subscribe(Flow.Subscriber<? super Payload> subscriber) {
        if (subscription != null) {
            refuse(subscriber, new IllegalStateException("session " + sessionId + " already has a frames() subscriber"));
            return;
        }
        FrameSubscription s = new FrameSubscription(this, subscriber);
        subscription = s;
        passiveBeforeSubscribe = passive;
        setPassive(true);
        if (!signal(s, () -> subscriber.onSubscribe(s))) {
            return;
        }
        if (subscription != s) {
            return; // cancelled inside onSubscribe
        }
        if (closed) {
            completeSubscriber();
        } else {
            drain();
        }
    }

    /** Gives a subscriber that cannot subscribe a no-op subscription and an error, as Reactive Streams asks. */
    void refuse(Flow.Subscriber<? super Payload> subscriber, Throwable why) {
        try {
            subscriber.onSubscribe(new FrameSubscription(this, subscriber));
            subscriber.onError(why);
        } catch (RuntimeException e) {
            LOG.warn("frames() subscriber threw while being refused", e);
        }
    }

    void request(FrameSubscription from, long n) {
        if (from != subscription) {
            return;
        }
        if (n <= 0) {
            cancel(from);
            signal(null, () -> from.subscriber.onError(new IllegalArgumentException("request(n) needs n > 0, got " + n)));
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
        setPassive(passiveBeforeSubscribe && !closed);
        if (!passive) {
            pushQueued();
        }
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

    private void setPassive(boolean on) {
        passive = on;
        host.passiveChanged(on);
    }

    private void completeSubscriber() {
        FrameSubscription s = subscription;
        subscription = null;
        signal(null, s.subscriber::onComplete);
    }

    /**
     * Sends a signal, treating an exception as cancellation.
     *
     * @return {@code false} if the subscriber threw
     */
    private boolean signal(FrameSubscription s, Runnable signal) {
        try {
            signal.run();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("frames() subscriber of session {} threw; cancelling its subscription", sessionId, e);
            if (s != null) {
                cancel(s);
            }
            return false;
        }
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!queued.isEmpty()) {
                StormFuture.Promise<Payload> waiter = waiters.poll();
                FrameSubscription s = subscription;
                if (waiter != null) {
                    deliverToWaiter(waiter, queued.poll());
                } else if (s != null && s.demand > 0) {
                    s.demand--;
                    Payload payload = Payload.wrap(queued.poll());
                    signal(s, () -> s.subscriber.onNext(payload));
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
        if (passive && !closed && queued.isEmpty()
                && (!waiters.isEmpty() || (subscription != null && subscription.demand > 0))) {
            host.requestRead();
        }
    }

    private void pushQueued() {
        Object frame;
        while ((frame = queued.poll()) != null) {
            host.push(frame);
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
}
