package io.stormsocket.core;

import io.netty.util.AttributeKey;
import io.stormsocket.core.internal.SlidingWindow;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Middleware that limits how many frames a peer may send per sliding window, and drops the excess
 * or disconnects the peer with {@link CloseReason#RATE_LIMITED}.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.builder()
 *         .maxMessages(100)
 *         .window(Duration.ofSeconds(1))
 *         .scope(RateLimiter.Scope.REMOTE_ADDRESS)
 *         .action(RateLimiter.Action.DROP)
 *         .build();
 * limiter.onExceeded(session -> log.warn("flood from {}", session.remoteAddress()));
 * ServerConfig.builder().middleware(limiter);
 * }</pre>
 *
 * <p>The window slides (the previous window's count is weighted by its remaining overlap), so a
 * burst at a window boundary cannot double the rate, and frames refused do not count. With
 * {@link Scope#SESSION} each session has its own counter; with {@link Scope#REMOTE_ADDRESS} all
 * sessions from one IP address share one, and it survives reconnects for two windows, so
 * reconnecting does not reset it. Behind NAT or a proxy many users share an address: size the
 * limit for that, or use session scope (with {@code proxyProtocol} on, the address is the real
 * client's). Unix domain socket sessions always count per session.
 *
 * <p>Threading: one limiter may serve every session of a server; it is thread-safe.
 */
public final class RateLimiter implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    private static final AtomicLong INSTANCES = new AtomicLong();

    /** Whose frames share a counter. */
    public enum Scope {
        /** Each session counts on its own. */
        SESSION,
        /** All sessions from one remote IP address share a counter. */
        REMOTE_ADDRESS
    }

    /** What happens to a frame over the limit. */
    public enum Action {
        /** Abort the session with {@link CloseReason#RATE_LIMITED}. */
        DISCONNECT,
        /** Discard the frame; the session stays open. */
        DROP
    }

    /** Called for every frame over the limit, before the action is taken. */
    @FunctionalInterface
    public interface ExceededHandler {
        /**
         * Handles one frame over the limit.
         *
         * @param session the session that sent it
         * @throws Exception logged
         */
        void onExceeded(Session session) throws Exception;
    }

    private final int maxMessages;
    private final Duration window;
    private final Scope scope;
    private final Action action;
    private final AttributeKey<SlidingWindow> sessionWindow =
            AttributeKey.newInstance("storm.rateLimiter." + INSTANCES.incrementAndGet());
    private final Map<InetAddress, AddressWindow> addressWindows = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<ExceededHandler> exceededHandlers = new CopyOnWriteArrayList<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    private RateLimiter(Builder b) {
        this.maxMessages = b.maxMessages;
        this.window = b.window;
        this.scope = b.scope;
        this.action = b.action;
    }

    /**
     * Starts a builder: window 1 s, session scope, disconnect action; {@code maxMessages} must be set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Subscribes to frames over the limit.
     *
     * @param handler called for every refused frame
     * @return the subscription
     */
    public Subscription onExceeded(ExceededHandler handler) {
        Objects.requireNonNull(handler, "handler");
        exceededHandlers.add(handler);
        return () -> exceededHandlers.remove(handler);
    }

    /** {@return frames allowed per window} */
    public int maxMessages() {
        return maxMessages;
    }

    /** {@return the window length} */
    public Duration window() {
        return window;
    }

    /** {@return whose frames share a counter} */
    public Scope scope() {
        return scope;
    }

    /** {@return what happens to a frame over the limit} */
    public Action action() {
        return action;
    }

    @Override
    public void onConnected(Session session) {
        InetAddress address = addressOf(session);
        if (address != null) {
            long now = System.nanoTime();
            addressWindows.compute(address, (a, w) -> {
                AddressWindow entry = w != null ? w : new AddressWindow(new SlidingWindow(maxMessages, window.toNanos(), now));
                entry.sessions++;
                return entry;
            });
            sweepIdleAddresses(now);
        }
    }

    @Override
    public Optional<Payload> onDataReceived(Session session, Payload data) {
        SlidingWindow counter = windowOf(session);
        boolean allowed;
        synchronized (counter) {
            allowed = counter.tryAcquire(System.nanoTime());
        }
        if (allowed) {
            return Optional.of(data);
        }
        for (ExceededHandler handler : exceededHandlers) {
            try {
                handler.onExceeded(session);
            } catch (Exception e) {
                LOG.warn("Rate limiter onExceeded handler threw for session {}", session.id(), e);
            }
        }
        if (action == Action.DISCONNECT) {
            session.abort(CloseReason.RATE_LIMITED);
        }
        return Optional.empty();
    }

    @Override
    public void onDisconnected(Session session, CloseReason reason) {
        InetAddress address = addressOf(session);
        if (address != null) {
            long now = System.nanoTime();
            addressWindows.computeIfPresent(address, (a, entry) -> {
                entry.sessions--;
                entry.lastUsedNanos = now;
                return entry;
            });
        }
    }

    private SlidingWindow windowOf(Session session) {
        InetAddress address = addressOf(session);
        if (address != null) {
            AddressWindow entry = addressWindows.get(address);
            if (entry != null) {
                return entry.window;
            }
        }
        SlidingWindow own = session.channel().attr(sessionWindow).get();
        if (own == null) {
            own = new SlidingWindow(maxMessages, window.toNanos(), System.nanoTime());
            SlidingWindow raced = session.channel().attr(sessionWindow).setIfAbsent(own);
            if (raced != null) {
                own = raced;
            }
        }
        return own;
    }

    private InetAddress addressOf(Session session) {
        if (scope == Scope.REMOTE_ADDRESS && session.remoteAddress() instanceof InetSocketAddress inet) {
            return inet.getAddress();
        }
        return null;
    }

    /** Forgets addresses without sessions for two windows; runs at most once per window. */
    private void sweepIdleAddresses(long now) {
        long last = lastSweep.get();
        long windowNanos = window.toNanos();
        if (now - last < windowNanos || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        addressWindows.entrySet().removeIf(e -> e.getValue().sessions <= 0
                && now - e.getValue().lastUsedNanos > 2 * windowNanos);
    }

    @Override
    public String toString() {
        return "RateLimiter[maxMessages=" + maxMessages + ", window=" + window + ", scope=" + scope
                + ", action=" + action + "]";
    }

    /** A shared counter and how many sessions use it; fields guarded by the map's compute. */
    private static final class AddressWindow {
        final SlidingWindow window;
        volatile int sessions;
        volatile long lastUsedNanos;

        AddressWindow(SlidingWindow window) {
            this.window = window;
        }
    }

    /** Builds a {@link RateLimiter}. */
    public static final class Builder {
        private int maxMessages;
        private Duration window = Duration.ofSeconds(1);
        private Scope scope = Scope.SESSION;
        private Action action = Action.DISCONNECT;

        private Builder() {
        }

        /**
         * Sets the frames allowed per window. Required.
         *
         * @param max a positive count
         * @return this builder
         */
        public Builder maxMessages(int max) {
            if (max <= 0) {
                throw new IllegalArgumentException("maxMessages must be positive: " + max);
            }
            this.maxMessages = max;
            return this;
        }

        /**
         * Sets the window length. Default 1 second.
         *
         * @param window a positive duration
         * @return this builder
         */
        public Builder window(Duration window) {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive: " + window);
            }
            this.window = window;
            return this;
        }

        /**
         * Sets whose frames share a counter. Default {@link Scope#SESSION}.
         *
         * @param scope the scope
         * @return this builder
         */
        public Builder scope(Scope scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /**
         * Sets what happens to a frame over the limit. Default {@link Action#DISCONNECT}.
         *
         * @param action the action
         * @return this builder
         */
        public Builder action(Action action) {
            this.action = Objects.requireNonNull(action, "action");
            return this;
        }

        /**
         * Builds the limiter.
         *
         * @return the limiter
         * @throws IllegalStateException if {@code maxMessages} was not set
         */
        public RateLimiter build() {
            if (maxMessages == 0) {
                throw new IllegalStateException("maxMessages must be set");
            }
            return new RateLimiter(this);
        }
    }
}
