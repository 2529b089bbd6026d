package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.ServerConfig;
import java.time.Duration;

/**
 * One row of the fault matrix: the server limits it runs against, and an attack whose sockets run
 * in the attacker JVM (the row's {@link AttackerHalf}) while its checks run here, against the
 * server's own view of the attacking sessions.
 *
 * <p>Lifecycle: {@link #start} once, then {@link #stop} once, from the bench's thread.
 */
interface Attack {
    /** {@return the row's name in the RESULT line, also the attacker JVM's name for its half} */
    String name();

    /** {@return the server configuration the attack runs against, codec not yet set} */
    ServerConfig.Builder serverConfig();

    /**
     * {@return the least time between the healthy client's round trips; zero means back to back}
     * Rows with a per-session rate limit pace the healthy client below it.
     */
    default Duration healthyPace() {
        return Duration.ZERO;
    }

    /** {@return whether the attack takes attacking sessions from {@link FaultTarget#nextSession}} */
    default boolean takesSessions() {
        return true;
    }

    /** Starts the attacker against a running server; returns once the attack is under way. */
    void start(FaultTarget target) throws Exception;

    /**
     * Stops the attacker, waits until the server has dealt with every attacking connection, and
     * has the attacker JVM close what it still holds.
     */
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
