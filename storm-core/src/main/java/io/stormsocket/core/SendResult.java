package io.stormsocket.core;

/**
 * The outcome of a successful send. A send that fails completes its future exceptionally instead
 * (for example with {@link SessionClosedException}).
 */
public enum SendResult {
    /** The bytes were handed to the operating system's socket. */
    WRITTEN,
    /**
     * The session was backpressured and its {@link SlowConsumerPolicy} is {@code DROP}: nothing was
     * sent and the data was released.
     */
    DROPPED
}
