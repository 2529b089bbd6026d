package io.stormsocket.websocket;

import java.time.Duration;
import java.util.Objects;

/**
 * Keep-alive for a WebSocket connection: a ping every {@code interval}; when {@code maxMissedPongs}
 * pings in a row went unanswered, the connection is dropped with close reason
 * {@link io.stormsocket.core.CloseReason#HEARTBEAT_TIMEOUT}. Any pong counts as an answer
 * (RFC 6455 section 5.5.3 lets a pong answer the latest ping only), and so does any other frame
 * from the peer: a peer busy sending data, whose pong waits behind it, is alive.
 *
 * <p>Detection: a peer that falls silent is dropped within {@code interval × (maxMissedPongs + 1)}.
 * It is sent Close 1001 ("heartbeat timeout") and the connection ends once that frame is flushed,
 * without waiting for the peer's Close; if the frame cannot be flushed within one more interval
 * (a peer that stopped reading), the connection is reset.
 *
 * @param interval time between pings; {@link Duration#ZERO} turns the heartbeat off
 * @param maxMissedPongs unanswered pings tolerated; at least 1
 */
public record Heartbeat(Duration interval, int maxMissedPongs) {
    private static final Heartbeat DISABLED = new Heartbeat(Duration.ZERO, 1);

    /**
     * Validates the heartbeat.
     *
     * @param interval time between pings
     * @param maxMissedPongs unanswered pings tolerated
     * @throws IllegalArgumentException for a negative interval or fewer than one missed pong
     */
    public Heartbeat {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("heartbeat interval must not be negative: " + interval);
        }
        if (maxMissedPongs < 1) {
            throw new IllegalArgumentException("maxMissedPongs must be at least 1: " + maxMissedPongs);
        }
    }

    /**
     * Pings every {@code interval} and drops the connection after {@code maxMissedPongs} unanswered pings.
     *
     * @param interval time between pings, positive
     * @param maxMissedPongs unanswered pings tolerated
     * @return the heartbeat
     */
    public static Heartbeat every(Duration interval, int maxMissedPongs) {
        if (interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive; use Heartbeat.disabled()");
        }
        return new Heartbeat(interval, maxMissedPongs);
    }

    /** {@return no heartbeat (the default)} */
    public static Heartbeat disabled() {
        return DISABLED;
    }

    /** {@return whether pings are sent} */
    public boolean enabled() {
        return !interval.isZero();
    }
}
