package io.stormsocket.rpc;

import io.stormsocket.core.FrameHandler;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionEvents;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.Subscription;
import io.stormsocket.rpc.internal.DefaultCorrelator;
import java.time.Duration;
import java.util.Objects;

/**
 * Request/response correlation for any frame type: {@link #request} sends a frame with a fresh
 * correlation id and returns a future of the response frame carrying the same id.
 *
 * <p>Frames reach the correlator before any handler: {@link #attach} subscribes it to a server's
 * or client's frames, consumes every response (it completes the pending request and is never
 * also given to a handler) and passes the other frames to the handler given to {@code attach}.
 * Code that subscribes with {@code onFrameReceived} itself sees responses too, so register
 * frame handlers through {@code attach}, or call {@link #offer} first in your own handler.
 *
 * <pre>{@code
 * Correlator<Line> correlator = Correlator.builder(Line.class, correlation)
 *         .defaultTimeout(Duration.ofSeconds(5))
 *         .build();
 * correlator.attach(client, (session, line) -> System.out.println("pushed: " + line));
 * Line reply = correlator.request(session, new Line(0, false, "hello")).join();
 * }</pre>
 *
 * <p>A request fails with {@link RequestTimeoutException} after its timeout, with
 * {@link InFlightLimitException} at once when the session already has
 * {@link #maxInFlight()} requests pending, and with
 * {@link io.stormsocket.core.SessionClosedException} as soon as its session closes (all pending
 * requests of that session at once). Cancelling the returned future, or its timing out, forgets
 * the request and sends {@link Correlation#cancelFrame} if the protocol has one.
 *
 * <p>Threading: {@code request} may be called from any thread. Futures complete on the session's
 * event loop; do not block in their continuations. Ids are per session, increasing from 1.
 *
 * <p>Resources: a reference-counted response frame is retained for the future; whoever takes it
 * from the future releases it.
 *
 * @param <T> the frame type
 */
public interface Correlator<T> {
    /** The default timeout of a request: 30 seconds. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The default limit of pending requests per session: 10,000. */
    int DEFAULT_MAX_IN_FLIGHT = 10_000;

    /**
     * Starts building a correlator.
     *
     * @param frameType the frames' class
     * @param correlation how frames carry ids
     * @param <T> the frame type
     * @return a builder with the defaults
     */
    static <T> Builder<T> builder(Class<T> frameType, Correlation<T> correlation) {
        return new Builder<>(frameType, correlation);
    }

    /**
     * Sends a request with the default timeout.
     *
     * @param session where to send it
     * @param request the request frame, before its id is stamped
     * @return the response; cancellable
     */
    StormFuture<T> request(Session session, T request);

    /**
     * Sends a request with its own timeout.
     *
     * @param session where to send it
     * @param request the request frame, before its id is stamped
     * @param timeout how long to wait for the response; positive
     * @return the response; cancellable
     */
    StormFuture<T> request(Session session, T request, Duration timeout);

    /**
     * Offers an inbound frame: a response completes its pending request and is consumed.
     * Call it on the session's event loop, from a frame handler.
     *
     * @param session the session the frame came from
     * @param frame the frame
     * @return {@code true} if the frame was consumed (a response, correlated or dropped),
     *     {@code false} if handlers should get it
     */
    boolean offer(Session session, T frame);

    /**
     * Subscribes this correlator to a server's or client's frames; responses complete requests,
     * every other frame goes to {@code handler}.
     *
     * @param events a server or client configured with a codec of this frame type
     * @param handler gets the frames that are not responses
     * @return cancels the subscription
     */
    Subscription attach(SessionEvents events, FrameHandler<? super T> handler);

    /**
     * Returns how many requests of a session are pending.
     *
     * @param session the session
     * @return the count
     */
    int inFlight(Session session);

    /**
     * Returns the timeout of requests that name none.
     *
     * @return the default timeout
     */
    Duration defaultTimeout();

    /**
     * Returns the limit of pending requests per session.
     *
     * @return the limit
     */
    int maxInFlight();

    /**
     * Builds a {@link Correlator}.
     *
     * @param <T> the frame type
     */
    final class Builder<T> {
        private final Class<T> frameType;
        private final Correlation<T> correlation;
        private Duration defaultTimeout = DEFAULT_TIMEOUT;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;

        private Builder(Class<T> frameType, Correlation<T> correlation) {
            this.frameType = Objects.requireNonNull(frameType, "frameType");
            this.correlation = Objects.requireNonNull(correlation, "correlation");
        }

        /**
         * Sets the timeout of requests that name none; default {@link #DEFAULT_TIMEOUT}.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder<T> defaultTimeout(Duration timeout) {
            this.defaultTimeout = Validation.positive(timeout, "defaultTimeout");
            return this;
        }

        /**
         * Sets the limit of pending requests per session; default {@link #DEFAULT_MAX_IN_FLIGHT}.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder<T> maxInFlight(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1: " + max);
            }
            this.maxInFlight = max;
            return this;
        }

        /**
         * Builds the correlator.
         *
         * @return a new correlator
         */
        public Correlator<T> build() {
            return new DefaultCorrelator<>(frameType, correlation, defaultTimeout, maxInFlight);
        }

        @Override
        public String toString() {
            return "Correlator.Builder[frameType=" + frameType.getName() + ", defaultTimeout=" + defaultTimeout
                    + ", maxInFlight=" + maxInFlight + "]";
        }
    }
}
