package io.stormsocket.benchmarks.broadcast;

import io.stormsocket.core.SlowConsumerPolicy;

/**
 * What became of the members that never read, seen from the server at the end of a run.
 *
 * @param members how many there were
 * @param disconnected how many the server closed for being slow ({@code SLOW_CONSUMER})
 * @param otherEnds how many ended for another reason
 * @param maxPendingBytes the largest backlog the server held for one of those still open
 * @param pendingBound what the policy promises that backlog stays under: the water mark plus one
 *     message for {@code DROP}, the hard cap plus one message for {@code WAIT}
 */
record SlowOutcome(int members, long disconnected, long otherEnds, long maxPendingBytes, long pendingBound) {

    /**
     * Tells whether the members ended as the policy promises.
     *
     * @param policy the server's policy
     * @return for {@code DISCONNECT}, all closed as slow; otherwise all still open, their backlog
     *     within the bound
     */
    boolean asPromised(SlowConsumerPolicy policy) {
        if (members == 0) {
            return true;
        }
        if (policy == SlowConsumerPolicy.DISCONNECT) {
            return disconnected == members && otherEnds == 0;
        }
        return disconnected == 0 && otherEnds == 0 && maxPendingBytes <= pendingBound;
    }
}
