package io.stormsocket.core;

import java.time.Duration;
import java.util.Optional;

/**
 * Idle detection, split as Netty's {@code IdleStateHandler} splits it. Each timeout is optional
 * (off by default); every one that elapses raises {@code onIdle(session, kind)}.
 *
 * <ul>
 *   <li>{@code reader}: nothing received for this long. The session is closed with
 *       {@link CloseReason#IDLE_TIMEOUT}; this is how half-open connections (peer gone without a
 *       FIN) and silent peers are detected.</li>
 *   <li>{@code writer}: nothing written for this long. Only the event fires (unless
 *       {@code closeOnWriterIdle}), so a protocol can send its own keep-alive.</li>
 *   <li>{@code all}: nothing received or written for this long. The session is closed with
 *       {@link CloseReason#IDLE_TIMEOUT}.</li>
 * </ul>
 *
 * <pre>{@code
 * IdleTimeouts.builder().reader(Duration.ofSeconds(60)).writer(Duration.ofSeconds(20)).build();
 * }</pre>
 */
public final class IdleTimeouts {
    private static final IdleTimeouts NONE = builder().build();

    private final Duration reader;
    private final Duration writer;
    private final Duration all;
    private final boolean closeOnWriterIdle;

    private IdleTimeouts(Builder b) {
        this.reader = b.reader;
        this.writer = b.writer;
        this.all = b.all;
        this.closeOnWriterIdle = b.closeOnWriterIdle;
    }

    /**
     * Returns the default: no idle detection.
     *
     * @return timeouts that are all off
     */
    public static IdleTimeouts none() {
        return NONE;
    }

    /**
     * Starts a builder with every timeout off.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the reader-idle timeout.
     *
     * @return the timeout, absent when off
     */
    public Optional<Duration> reader() {
        return Optional.ofNullable(reader);
    }

    /**
     * Returns the writer-idle timeout.
     *
     * @return the timeout, absent when off
     */
    public Optional<Duration> writer() {
        return Optional.ofNullable(writer);
    }

    /**
     * Returns the all-idle timeout.
     *
     * @return the timeout, absent when off
     */
    public Optional<Duration> all() {
        return Optional.ofNullable(all);
    }

    /**
     * Tells whether a writer-idle timeout also closes the session.
     *
     * @return {@code true} to close; {@code false} (default) only raises the event
     */
    public boolean closeOnWriterIdle() {
        return closeOnWriterIdle;
    }

    /**
     * Tells whether any timeout is set.
     *
     * @return {@code true} when idle detection is on
     */
    public boolean enabled() {
        return reader != null || writer != null || all != null;
    }

    @Override
    public String toString() {
        return "IdleTimeouts[reader=" + reader + ", writer=" + writer + ", all=" + all
                + ", closeOnWriterIdle=" + closeOnWriterIdle + "]";
    }

    /** Builds {@link IdleTimeouts}. */
    public static final class Builder {
        private Duration reader;
        private Duration writer;
        private Duration all;
        private boolean closeOnWriterIdle;

        private Builder() {
        }

        /**
         * Closes the session after this long without receiving anything.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder reader(Duration timeout) {
            this.reader = positive(timeout, "reader");
            return this;
        }

        /**
         * Raises {@code onIdle(session, WRITER)} after this long without writing anything.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder writer(Duration timeout) {
            this.writer = positive(timeout, "writer");
            return this;
        }

        /**
         * Closes the session after this long without reading or writing.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder all(Duration timeout) {
            this.all = positive(timeout, "all");
            return this;
        }

        /**
         * Makes a writer-idle timeout close the session too. Default {@code false}.
         *
         * @param close whether to close
         * @return this builder
         */
        public Builder closeOnWriterIdle(boolean close) {
            this.closeOnWriterIdle = close;
            return this;
        }

        private static Duration positive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " idle timeout must be positive: " + d);
            }
            return d;
        }

        /**
         * Builds the timeouts.
         *
         * @return immutable timeouts
         */
        public IdleTimeouts build() {
            return new IdleTimeouts(this);
        }
    }
}
