package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.ServerConfig;

/**
 * One row of the fault matrix: the server limits it runs against, and an attacker that starts in
 * the background and, when stopped, says how it ended.
 *
 * <p>Lifecycle: {@link #start} once, then {@link #stop} once, from the bench's thread.
 */
interface Attack {
    /** {@return the row's name in the RESULT line} */
    String name();

    /** {@return the server configuration the attack runs against, codec not yet set} */
    ServerConfig.Builder serverConfig();

    /**
     * {@return the least time between the healthy client's round trips; zero means back to back}
     * Rows with a per-session rate limit pace the healthy client below it.
     */
    default java.time.Duration healthyPace() {
        return java.time.Duration.ZERO;
    }

    /** Starts the attacker against a running server; returns once the attack is under way. */
    void start(FaultTarget target) throws Exception;

    /** Stops the attacker and waits until the server has dealt with every attacking connection. */
    Outcome stop() throws Exception;

    /**
     * How the attacker ended.
     *
     * @param close what the attacker's sessions ended with (a close reason, or what refusal looked like)
     * @param ok whether that is what the limit promises
     * @param detail the row's own figures and the bound it checks, {@code key=value} separated by spaces
     */
    record Outcome(String close, boolean ok, String detail) {
    }
}
