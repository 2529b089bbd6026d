package io.stormsocket.core;

/**
 * The lifecycle of a {@link Session}: {@code CONNECTING -> OPEN -> CLOSING -> CLOSED}, never
 * backwards. A session may jump straight to {@code CLOSED} when its connection drops.
 */
public enum SessionState {
    /** The transport is connected but the pipeline is not ready yet (for example a PROXY header is pending). */
    CONNECTING,
    /** {@code onConnected} has fired; sends are accepted. */
    OPEN,
    /** A graceful close was requested; pending writes are being flushed and new sends fail. */
    CLOSING,
    /** The connection is gone; {@code onDisconnected} has fired or is about to. */
    CLOSED
}
