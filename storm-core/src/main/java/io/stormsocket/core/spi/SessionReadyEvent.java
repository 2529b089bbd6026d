package io.stormsocket.core.spi;

/**
 * Fired down the pipeline by a stage that holds a session back (PROXY header, TLS handshake,
 * WebSocket upgrade) once it is done; the session then opens and {@code onConnected} fires.
 */
public final class SessionReadyEvent {
    /** The single instance. */
    public static final SessionReadyEvent INSTANCE = new SessionReadyEvent();

    private SessionReadyEvent() {
    }

    @Override
    public String toString() {
        return "SessionReadyEvent";
    }
}
