package io.stormsocket.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether and how a {@link StormClient} reconnects after its connection is lost: exponential backoff
 * with jitter, optionally bounded by a number of attempts.
 *
 * <table>
 * <caption>Options and defaults</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code enabled}</td><td>{@code true} from {@link #builder()}; {@code false} for
 *     {@link #disabled()}, the {@link ClientConfig} default</td><td>reconnect at all</td></tr>
 * <tr><td>{@code initialDelay}</td><td>100 ms</td><td>wait before the first attempt</td></tr>
 * <tr><td>{@code maxDelay}</td><td>30 s</td><td>the longest wait between attempts</td></tr>
 * <tr><td>{@code multiplier}</td><td>2.0</td><td>each wait is this many times the previous one</td></tr>
 * <tr><td>{@code jitter}</td><td>0.2</td><td>each wait varies at random by up to &plusmn; this fraction</td></tr>
 * <tr><td>{@code maxAttempts}</td><td>0 (unlimited)</td><td>attempts before giving up</td></tr>
 * <tr><td>{@code retryInitialConnect}</td><td>{@code false}</td><td>also retry when the first
 *     {@link StormClient#connect()} fails</td></tr>
 * </table>
 *
 * <pre>{@code
 * ClientConfig config = ClientConfig.builder()
 *         .endpoint("10.0.0.5", 5000)
 *         .reconnect(ReconnectPolicy.builder().initialDelay(Duration.ofMillis(250)).maxAttempts(20).build())
 *         .build();
 * }</pre>
 *
 * <p>When reconnecting happens: a session of the client that ends for any reason other than
 * {@link StormClient#disconnect()} or {@link StormClient#close()} starts reconnecting: the server
 * closed it, the network failed, an idle timeout elapsed, or a handler closed the {@link Session}
 * itself. A failed {@link StormClient#connect()} is retried only with
 * {@link #retryInitialConnect()}: by default a wrong address or a server that is not up yet
 * fails the connect future at once, so the mistake is visible.
 *
 * <p>Backoff: attempt {@code n} (counted from 1 since the connection was lost; a successful
 * connect resets the count) waits {@link #baseDelay(int) baseDelay(n)} =
 * {@code min(maxDelay, initialDelay * multiplier^(n-1))}, then varied at random to between
 * {@code baseDelay * (1 - jitter)} and {@code baseDelay * (1 + jitter)}, and never more than
 * {@code maxDelay}. Jitter spreads the reconnects of many clients that lost one server at the same
 * moment.
 */
public final class ReconnectPolicy {
    /** Default wait before the first attempt: 100 milliseconds. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(100);
    /** Default longest wait between attempts: 30 seconds. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
    /** Default growth factor of the wait: 2.0. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** Default random variation of each wait: &plusmn;20 %. */
    public static final double DEFAULT_JITTER = 0.2;

    private static final ReconnectPolicy DISABLED = builder().enabled(false).build();

    private final boolean enabled;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final double jitter;
    private final int maxAttempts;
    private final boolean retryInitialConnect;

    private ReconnectPolicy(Builder b) {
        this.enabled = b.enabled;
        this.initialDelay = b.initialDelay;
        this.maxDelay = b.maxDelay;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.maxAttempts = b.maxAttempts;
        this.retryInitialConnect = b.retryInitialConnect;
    }

    /**
     * Returns the policy that never reconnects: the default of {@link ClientConfig}.
     *
     * @return the disabled policy
     */
    public static ReconnectPolicy disabled() {
        return DISABLED;
    }

    /**
     * Starts a builder for an enabled policy with every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised from this policy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        b.initialDelay = initialDelay;
        b.maxDelay = maxDelay;
        b.multiplier = multiplier;
        b.jitter = jitter;
        b.maxAttempts = maxAttempts;
        b.retryInitialConnect = retryInitialConnect;
        return b;
    }

    /** {@return whether the client reconnects at all} */
    public boolean enabled() {
        return enabled;
    }

    /** {@return the wait before the first attempt} */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** {@return the longest wait between attempts, jitter included} */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** {@return the growth factor of the wait from one attempt to the next} */
    public double multiplier() {
        return multiplier;
    }

    /** {@return the fraction by which each wait varies at random, up or down} */
    public double jitter() {
        return jitter;
    }

    /** {@return the attempts made before giving up; 0 means no limit} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** {@return whether a failed {@link StormClient#connect()} is retried too} */
    public boolean retryInitialConnect() {
        return retryInitialConnect;
    }

    /**
     * Returns the wait before an attempt, without jitter:
     * {@code min(maxDelay, initialDelay * multiplier^(attempt-1))}.
     *
     * @param attempt the attempt number, from 1
     * @return the nominal wait
     */
    public Duration baseDelay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1: " + attempt);
        }
        double nanos = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1);
        return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
    }

    @Override
    public String toString() {
        if (!enabled) {
            return "ReconnectPolicy[disabled]";
        }
        return "ReconnectPolicy[initialDelay=" + initialDelay + ", maxDelay=" + maxDelay + ", multiplier=" + multiplier
                + ", jitter=" + jitter + ", maxAttempts=" + (maxAttempts == 0 ? "unlimited" : maxAttempts)
                + ", retryInitialConnect=" + retryInitialConnect + "]";
    }

    /** Builds a {@link ReconnectPolicy}; every setter documents its default. */
    public static final class Builder {
        private boolean enabled = true;
        private Duration initialDelay = DEFAULT_INITIAL_DELAY;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private double multiplier = DEFAULT_MULTIPLIER;
        private double jitter = DEFAULT_JITTER;
        private int maxAttempts;
        private boolean retryInitialConnect;

        private Builder() {
        }

        /**
         * Turns reconnecting on or off. Default {@code true} for a policy built here.
         *
         * @param enabled whether to reconnect
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Sets the wait before the first attempt. Default 100 ms.
         *
         * @param delay a positive duration
         * @return this builder
         */
        public Builder initialDelay(Duration delay) {
            this.initialDelay = positive(delay, "initialDelay");
            return this;
        }

        /**
         * Sets the longest wait between attempts. Default 30 s. Must be at least
         * {@code initialDelay}, checked by {@link #build()}.
         *
         * @param delay a positive duration
         * @return this builder
         */
        public Builder maxDelay(Duration delay) {
            this.maxDelay = positive(delay, "maxDelay");
            return this;
        }

        /**
         * Sets the growth factor of the wait. Default 2.0; 1.0 waits {@code initialDelay} every time.
         *
         * @param multiplier at least 1.0
         * @return this builder
         */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be a finite number of at least 1.0: " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /**
         * Sets the random variation of each wait, as a fraction of it. Default 0.2 (&plusmn;20 %);
         * 0 turns jitter off.
         *
         * @param fraction from 0 (inclusive) to 1 (exclusive)
         * @return this builder
         */
        public Builder jitter(double fraction) {
            if (!(fraction >= 0.0 && fraction < 1.0)) {
                throw new IllegalArgumentException("jitter must be in [0, 1): " + fraction);
            }
            this.jitter = fraction;
            return this;
        }

        /**
         * Sets how many attempts are made before giving up. Default 0: no limit.
         *
         * @param attempts 0 for no limit, or a positive count
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("maxAttempts must be 0 (unlimited) or positive: " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Makes a failed {@link StormClient#connect()} start reconnecting instead of failing its
         * future; the future then completes when an attempt succeeds, or fails when attempts run
         * out. Default {@code false}: the first connect fails fast.
         *
         * @param retry whether to retry the first connect
         * @return this builder
         */
        public Builder retryInitialConnect(boolean retry) {
            this.retryInitialConnect = retry;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the immutable policy
         * @throws IllegalArgumentException if {@code maxDelay} is shorter than {@code initialDelay}
         */
        public ReconnectPolicy build() {
            if (maxDelay.compareTo(initialDelay) < 0) {
                throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay " + initialDelay);
            }
            return new ReconnectPolicy(this);
        }

        private static Duration positive(Duration delay, String name) {
            Objects.requireNonNull(delay, name);
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + delay);
            }
            return delay;
        }
    }
}
