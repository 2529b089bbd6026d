package io.stormsocket.rpc;

import java.util.Optional;

/**
 * Tells a {@link Correlator} how frames of type {@code T} carry a correlation id. The user's
 * protocol owns the id field; the correlator only reads and stamps it.
 *
 * <p>A frame with a {@code long id} and a response flag:
 *
 * <pre>{@code
 * record Line(long id, boolean reply, String text) {}
 * Correlation<Line> correlation = new Correlation<>() {
 *     public long correlationId(Line frame) { return frame.id(); }
 *     public boolean isResponse(Line frame) { return frame.reply(); }
 *     public Line withCorrelationId(Line frame, long id) { return new Line(id, frame.reply(), frame.text()); }
 * };
 * }</pre>
 *
 * <p>Threading: called on the session's event loop for inbound frames and on the requesting
 * thread for outbound ones; implementations must be stateless or thread-safe.
 *
 * @param <T> the frame type
 */
public interface Correlation<T> {
    /**
     * Returns the correlation id a frame carries.
     *
     * @param frame an inbound response frame
     * @return its correlation id
     */
    long correlationId(T frame);

    /**
     * Tells whether an inbound frame is a response that should complete a pending request.
     *
     * @param frame an inbound frame
     * @return {@code true} for a response, {@code false} for a frame the handlers get
     */
    boolean isResponse(T frame);

    /**
     * Tells whether a response that matches no pending request (late, after a timeout or a
     * cancel, or unsolicited) is dropped. Default {@code true}; when {@code false} the handlers
     * registered through {@link Correlator#attach} get it like any other frame.
     *
     * @param frame the uncorrelated response
     * @return {@code true} to drop it
     */
    default boolean dropUncorrelated(T frame) {
        return true;
    }

    /**
     * Returns the outgoing request frame with the given correlation id stamped on it (a copy for
     * immutable frames, or the same frame mutated).
     *
     * @param frame the request as the caller built it
     * @param id the id the correlator assigned, unique among the session's pending requests
     * @return the frame to send
     */
    T withCorrelationId(T frame, long id);

    /**
     * Returns the frame telling the peer that the request with this id was cancelled by its
     * caller, or empty (the default) when the protocol has no cancel.
     *
     * @param id the cancelled request's correlation id
     * @return the frame to send, if any
     */
    default Optional<T> cancelFrame(long id) {
        return Optional.empty();
    }
}
