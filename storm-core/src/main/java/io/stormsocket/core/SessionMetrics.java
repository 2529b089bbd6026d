package io.stormsocket.core;

import java.time.Duration;
import java.time.Instant;

/**
 * Live counters of one session. Values are updated on the session's event loop and may be read
 * from any thread; each read is a recent value, and related counters are not read atomically.
 */
public interface SessionMetrics {
    /**
     * Returns the bytes received from the socket, framing and protocol headers included.
     *
     * @return bytes in
     */
    long bytesIn();

    /**
     * Returns the bytes handed to the socket for writing, framing included.
     *
     * @return bytes out
     */
    long bytesOut();

    /**
     * Returns the frames decoded and delivered.
     *
     * @return frames in
     */
    long framesIn();

    /**
     * Returns the frames sent (counted when written).
     *
     * @return frames out
     */
    long framesOut();

    /**
     * Returns when the connection was established.
     *
     * @return the connect time
     */
    Instant connectedAt();

    /**
     * Returns how long the session has been connected (until it closed, once closed).
     *
     * @return the uptime
     */
    Duration uptime();
}
