package io.stormsocket.core;

/**
 * Called for every received frame of a given type, for sessions whose codec produces typed frames.
 * Register it with {@code onFrameReceived(type, handler)}.
 *
 * <p>Resources: the frame is lent for this call; if it is reference-counted, Storm releases it when
 * the call returns. Threading: as {@link ConnectedHandler}.
 *
 * @param <F> the frame type
 */
@FunctionalInterface
public interface FrameHandler<F> {
    /**
     * Handles one received frame.
     *
     * @param session the receiving session
     * @param frame the frame, lent for this call
     * @throws Exception reported to {@code onError}; the session stays open
     */
    void onFrame(Session session, F frame) throws Exception;
}
