package io.stormsocket.core;

/**
 * What a broadcast did, per session: how many accepted the message into their outbound buffer,
 * how many skipped it under {@link SlowConsumerPolicy#DROP}, how many were disconnected under
 * {@link SlowConsumerPolicy#DISCONNECT}, and how many could not take it (already closed, or over
 * their hard cap).
 *
 * @param delivered sessions that accepted the message for writing
 * @param dropped sessions that skipped it because they were backpressured
 * @param disconnected sessions aborted as slow consumers
 * @param failed sessions that were closed or over their hard cap
 */
public record BroadcastResult(int delivered, int dropped, int disconnected, int failed) {

    /** {@return the number of sessions the broadcast was addressed to} */
    public int total() {
        return delivered + dropped + disconnected + failed;
    }
}
