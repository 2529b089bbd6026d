package io.stormsocket.core;

/**
 * The lifecycle of a {@link StormClient}, as {@link StormClient#state()} reports it.
 *
 * <ul>
 *   <li>{@code DISCONNECTED -> CONNECTING}: {@link StormClient#connect()}.</li>
 *   <li>{@code CONNECTING -> CONNECTED}: the session opened.</li>
 *   <li>{@code CONNECTING -> DISCONNECTED}: the connect failed (the connect future fails).</li>
 *   <li>{@code CONNECTING -> RECONNECTING}: the connect failed and
 *       {@link ReconnectPolicy#retryInitialConnect()} is on.</li>
 *   <li>{@code CONNECTED -> RECONNECTING}: the session ended and reconnecting is on.</li>
 *   <li>{@code CONNECTED -> DISCONNECTED}: the session ended and reconnecting is off.</li>
 *   <li>{@code RECONNECTING -> CONNECTED}: an attempt succeeded.</li>
 *   <li>{@code RECONNECTING -> DISCONNECTED}: {@link ReconnectPolicy#maxAttempts()} attempts failed.</li>
 *   <li>any state but {@code CLOSED} {@code -> DISCONNECTED}: {@link StormClient#disconnect()}.</li>
 *   <li>any state {@code -> CLOSED}: {@link StormClient#close()}; final.</li>
 * </ul>
 */
public enum ClientState {
    /** No connection and none under way: never connected, {@code disconnect()} was called, or reconnecting gave up. */
    DISCONNECTED,
    /** The first connect started by {@link StormClient#connect()} is under way. */
    CONNECTING,
    /** A session is open; sends go to it. */
    CONNECTED,
    /**
     * The connection was lost (or the first connect failed with
     * {@link ReconnectPolicy#retryInitialConnect()} on) and the client is waiting for, or making,
     * a reconnect attempt.
     */
    RECONNECTING,
    /** {@link StormClient#close()} was called; the client can no longer connect. */
    CLOSED
}
