package io.stormsocket.core;

/**
 * What a send does when the session is backpressured: more than its {@code maxPendingSendBytes}
 * wait to be written because the peer reads slower than the application writes. Applies to every
 * send, single or broadcast. Set server-wide ({@code ServerConfig.Builder.slowConsumerPolicy}) and
 * override per session ({@link Session#slowConsumerPolicy(SlowConsumerPolicy)}).
 */
public enum SlowConsumerPolicy {
    /**
     * Queue the data anyway; the send's future completes when it is written, so a writer that
     * awaits its futures never grows memory. A writer that ignores them is stopped by the hard cap
     * ({@code maxQueuedSendBytes}): past it, sends fail fast with {@link SendBufferFullException}.
     * The default.
     */
    WAIT,
    /** Skip the send: the data is released and the future completes with {@link SendResult#DROPPED}. */
    DROP,
    /**
     * Abort the session with {@link CloseReason#SLOW_CONSUMER}; the send fails with
     * {@link SessionClosedException}.
     */
    DISCONNECT
}
