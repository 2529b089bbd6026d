package io.stormsocket.rpc.internal;

import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.stormsocket.core.FrameHandler;
import io.stormsocket.core.SendResult;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionClosedException;
import io.stormsocket.core.SessionEvents;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.Subscription;
import io.stormsocket.rpc.Correlation;
import io.stormsocket.rpc.Correlator;
import io.stormsocket.rpc.InFlightLimitException;
import io.stormsocket.rpc.RequestTimeoutException;
import io.stormsocket.rpc.RpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Correlator}: one table of pending requests per session.
 *
 * <p>Threading: the tables are concurrent maps; requests are added from any thread, completed
 * (response, timeout, close) on the session's event loop or by a cancelling thread. Whoever
 * removes a pending entry from its table completes it, so each request completes exactly once.
 *
 * @param <T> the frame type
 */
public final class DefaultCorrelator<T> implements Correlator<T> {
    private final Class<T> frameType;
    private final Correlation<T> correlation;
    private final Duration defaultTimeout;
    private final int maxInFlight;
    private final Map<Session, Table<T>> tables = new ConcurrentHashMap<>();

    /**
     * Creates a correlator; use {@link Correlator#builder}.
     *
     * @param frameType the frames' class
     * @param correlation how frames carry ids
     * @param defaultTimeout the timeout of requests that name none
     * @param maxInFlight the limit of pending requests per session
     */
    public DefaultCorrelator(Class<T> frameType, Correlation<T> correlation, Duration defaultTimeout, int maxInFlight) {
        this.frameType = frameType;
        this.correlation = correlation;
        this.defaultTimeout = defaultTimeout;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public StormFuture<T> request(Session session, T request) {
        return request(session, request, defaultTimeout);
    }

    @Override
    public StormFuture<T> request(Session session, T request, Duration timeout) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (!session.isOpen()) {
            return StormFuture.failed(new SessionClosedException("session " + session.id() + " is closed"));
        }
        Table<T> table = table(session);
        if (table.inFlight.incrementAndGet() > maxInFlight) {
            table.inFlight.decrementAndGet();
            return StormFuture.failed(new InFlightLimitException("session " + session.id() + " already has "
                    + maxInFlight + " requests in flight"));
        }
        long id = table.ids.incrementAndGet();
        StormFuture.Promise<T> promise = StormFuture.promise();
        Pending<T> pending = new Pending<>(promise);
        promise.onCancel(() -> {
            if (table.remove(id) != null) {
                pending.cancelTimer();
                correlation.cancelFrame(id).ifPresent(session::sendFrame);
            }
        });
        table.pending.put(id, pending);
        pending.timer = session.channel().eventLoop().schedule(() -> {
            Pending<T> timedOut = table.remove(id);
            if (timedOut != null) {
                timedOut.promise.fail(new RequestTimeoutException("no response to request " + id + " of session "
                        + session.id() + " within " + timeout));
                // The peer may still be working on it; tell it, as a cancel by the caller would.
                correlation.cancelFrame(id).ifPresent(session::sendFrame);
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (session.closeFuture().isDone()) {
            // The close listener may have run before this entry was added.
            failAll(session, table);
            return promise.future();
        }
        T stamped = correlation.withCorrelationId(request, id);
        session.sendFrame(stamped).whenComplete((result, failure) -> {
            if (failure != null || result != SendResult.WRITTEN) {
                Pending<T> unsent = table.remove(id);
                if (unsent != null) {
                    unsent.cancelTimer();
                    unsent.promise.fail(unsentFailure(session, id, result, failure));
                }
            }
        });
        return promise.future();
    }

    @Override
    public boolean offer(Session session, T frame) {
        if (!correlation.isResponse(frame)) {
            return false;
        }
        Table<T> table = tables.get(session);
        Pending<T> pending = table == null ? null : table.remove(correlation.correlationId(frame));
        if (pending == null) {
            return correlation.dropUncorrelated(frame);
        }
        pending.cancelTimer();
        ReferenceCountUtil.retain(frame);
        if (!pending.promise.succeed(frame)) {
            ReferenceCountUtil.release(frame);
        }
        return true;
    }

    @Override
    public Subscription attach(SessionEvents events, FrameHandler<? super T> handler) {
        Objects.requireNonNull(handler, "handler");
        return events.onFrameReceived(frameType, (session, frame) -> {
            if (!offer(session, frame)) {
                handler.onFrame(session, frame);
            }
        });
    }

    @Override
    public int inFlight(Session session) {
        Table<T> table = tables.get(session);
        return table == null ? 0 : table.inFlight.get();
    }

    @Override
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    private Table<T> table(Session session) {
        Table<T> table = tables.get(session);
        if (table != null) {
            return table;
        }
        Table<T> created = new Table<>();
        Table<T> raced = tables.putIfAbsent(session, created);
        if (raced != null) {
            return raced;
        }
        session.closeFuture().whenComplete((reason, failure) -> {
            tables.remove(session, created);
            failAll(session, created);
        });
        return created;
    }

    /** A send that failed because the session closed fails the request like any close does. */
    private static RuntimeException unsentFailure(Session session, long id, SendResult result, Throwable failure) {
        if (failure instanceof SessionClosedException closed) {
            return closed;
        }
        if (!session.isOpen()) {
            return new SessionClosedException("session " + session.id() + " closed before request " + id
                    + " was sent", failure);
        }
        return failure != null ? new RpcException("request " + id + " was not sent", failure)
                : new RpcException("request " + id + " was not sent: " + result);
    }

    private void failAll(Session session, Table<T> table) {
        List<Long> ids = new ArrayList<>(table.pending.keySet());
        for (Long id : ids) {
            Pending<T> pending = table.remove(id);
            if (pending != null) {
                pending.cancelTimer();
                pending.promise.fail(new SessionClosedException("session " + session.id()
                        + " closed before the response to request " + id));
            }
        }
    }

    @Override
    public String toString() {
        return "Correlator[frameType=" + frameType.getName() + ", defaultTimeout=" + defaultTimeout
                + ", maxInFlight=" + maxInFlight + "]";
    }

    /** The pending requests of one session. */
    private static final class Table<T> {
        final Map<Long, Pending<T>> pending = new ConcurrentHashMap<>();
        final AtomicLong ids = new AtomicLong();
        final AtomicInteger inFlight = new AtomicInteger();

        Pending<T> remove(long id) {
            Pending<T> removed = pending.remove(id);
            if (removed != null) {
                inFlight.decrementAndGet();
            }
            return removed;
        }
    }

    /** One pending request: its promise and its timeout. */
    private static final class Pending<T> {
        final StormFuture.Promise<T> promise;
        volatile ScheduledFuture<?> timer;

        Pending(StormFuture.Promise<T> promise) {
            this.promise = promise;
        }

        void cancelTimer() {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
