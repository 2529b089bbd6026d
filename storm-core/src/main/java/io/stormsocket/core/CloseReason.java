package io.stormsocket.core;

/**
 * Why a session ended; passed to every {@code onDisconnected} handler exactly once.
 *
 * <p>Later modules add reasons of their own (heartbeat, TLS, slow consumers); code that switches on
 * this enum should have a default branch.
 */
public enum CloseReason {
    /** The application called {@link Session#close()}. */
    LOCAL_CLOSE,
    /** The peer closed the connection, or reset it. */
    REMOTE_CLOSE,
    /** A reader-idle or all-idle timeout elapsed without traffic. */
    IDLE_TIMEOUT,
    /**
     * A protocol-level heartbeat went unanswered: no pong (WebSocket) or no envelope (RPC) within
     * the configured receive timeout.
     */
    HEARTBEAT_TIMEOUT,
    /** The peer broke the framing or protocol, or a codec failed to decode its bytes. */
    PROTOCOL_ERROR,
    /** The application called {@link Session#abort()}: the connection was reset without flushing. */
    ABORTED,
    /** An unexpected failure in the transport or in Storm closed the session. */
    ERROR,
    /** The server or client was stopped. */
    SHUTDOWN,
    /** The session was backpressured under {@link SlowConsumerPolicy#DISCONNECT}. */
    SLOW_CONSUMER,
    /** A rate limiter with the disconnect action aborted the session. */
    RATE_LIMITED,
    /**
     * The TLS handshake failed or timed out (unknown CA, expired or mismatched certificate,
     * protocol mismatch), or a TLS record was invalid.
     */
    TLS_ERROR
}
