package io.stormsocket.core.internal;

import io.netty.channel.EventLoop;
import io.stormsocket.core.ConnectFailedException;
import io.stormsocket.core.ReconnectFailedHandler;
import io.stormsocket.core.ReconnectPolicy;
import io.stormsocket.core.ReconnectingHandler;
import io.stormsocket.core.Subscription;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconnect schedule of one client: counts attempts, computes each delay from the
 * {@link ReconnectPolicy} with jitter, holds the one pending timer, and calls the
 * {@code onReconnecting} and {@code onReconnectFailed} subscribers.
 *
 * <p>Threading: {@code attempts} and {@code timer} are guarded by this object's monitor, so
 * {@link #next()}, {@link #schedule}, {@link #cancel()} and {@link #reset()} may be called from any
 * thread. The client calls them while holding its own monitor; this class never calls out while
 * holding its monitor, so the lock order is always client, then reconnector. The {@code fire}
 * methods run user code and are called with no lock held, on the client's scheduler event loop.
 */
final class Reconnector {
    private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);

    private final ReconnectPolicy policy;
    private final Listeners<ReconnectingHandler> reconnecting = new Listeners<>();
    private final Listeners<ReconnectFailedHandler> failed = new Listeners<>();

    private int attempts;
    private ScheduledFuture<?> timer;

    /** One scheduled attempt: its number since the connection was lost and the wait before it. */
    record Attempt(int number, Duration delay) {
    }

    Reconnector(ReconnectPolicy policy) {
        this.policy = policy;
    }

    /** {@return whether lost connections are reconnected at all} */
    boolean enabled() {
        return policy.enabled();
    }

    /** {@return whether a failed first connect is retried too} */
    boolean retriesInitialConnect() {
        return policy.enabled() && policy.retryInitialConnect();
    }

    Subscription onReconnecting(ReconnectingHandler handler) {
        return reconnecting.add(Objects.requireNonNull(handler, "handler"));
    }

    Subscription onReconnectFailed(ReconnectFailedHandler handler) {
        return failed.add(Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Counts the next attempt and computes its delay.
     *
     * @return the attempt, or empty when {@link ReconnectPolicy#maxAttempts()} attempts were made
     */
    synchronized Optional<Attempt> next() {
        if (policy.maxAttempts() > 0 && attempts >= policy.maxAttempts()) {
            return Optional.empty();
        }
        attempts++;
        return Optional.of(new Attempt(attempts, delay(policy, attempts, ThreadLocalRandom.current().nextDouble())));
    }

    /** {@return the attempts counted since the last reset} */
    synchronized int attempts() {
        return attempts;
    }

    /** A connection opened or the user started over: the next loss counts from attempt 1 again. */
    synchronized void reset() {
        attempts = 0;
    }

    /**
     * Runs an attempt after its delay, on the given event loop.
     *
     * @param loop the client's scheduler event loop
     * @param task the attempt
     * @param delay the wait
     */
    synchronized void schedule(EventLoop loop, Runnable task, Duration delay) {
        timer = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Cancels the pending timer, if any; its attempt never runs. */
    synchronized void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    void fireReconnecting(Attempt attempt) {
        for (Object entry : reconnecting.snapshot()) {
            try {
                Listeners.<ReconnectingHandler>handler(entry).onReconnecting(attempt.number(), attempt.delay());
            } catch (Throwable t) {
                LOG.warn("onReconnecting handler threw for attempt {}; reconnecting goes on", attempt.number(), t);
            }
        }
    }

    void fireFailed(int attemptCount, ConnectFailedException error) {
        Object[] handlers = failed.snapshot();
        if (handlers.length == 0) {
            LOG.warn("Gave up reconnecting (subscribe with onReconnectFailed to handle it)", error);
            return;
        }
        for (Object entry : handlers) {
            try {
                Listeners.<ReconnectFailedHandler>handler(entry).onReconnectFailed(attemptCount, error);
            } catch (Throwable t) {
                LOG.warn("onReconnectFailed handler threw while handling {}", error.toString(), t);
            }
        }
    }

    /**
     * Computes the jittered delay of an attempt: the policy's base delay scaled by a factor between
     * {@code 1 - jitter} and {@code 1 + jitter}, never more than the maximum delay.
     *
     * @param policy the policy
     * @param attempt the attempt number, from 1
     * @param random a number in {@code [0, 1)} that picks the factor
     * @return the delay
     */
    static Duration delay(ReconnectPolicy policy, int attempt, double random) {
        double base = policy.baseDelay(attempt).toNanos();
        double jittered = base * (1 + policy.jitter() * (2 * random - 1));
        return Duration.ofNanos((long) Math.min(jittered, policy.maxDelay().toNanos()));
    }

    @Override
    public synchronized String toString() {
        return "Reconnector[" + policy + ", attempts=" + attempts + "]";
    }
}
