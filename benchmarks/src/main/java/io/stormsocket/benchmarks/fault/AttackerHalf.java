package io.stormsocket.benchmarks.fault;

/**
 * The attacking half of a row, run in the attacker JVM ({@link FaultAttackers}): the sockets and
 * loops of the attack, while the server and every check of the row stay in the bench's JVM.
 *
 * <p>Lifecycle: {@link #run} once, then {@link #release} once (also after a failed run), on the
 * attacker JVM's main thread.
 */
interface AttackerHalf {
    /**
     * Runs the attack from its start command to its {@code STOPPED} line: reports {@code STARTED}
     * once under way, goes on until told {@code STOP} (or, for a planned attack, until its planned
     * end, whichever is later) and reports {@code STOPPED} with its counts through
     * {@link AttackerLink#stopped}. Sockets the server must still see open stay open.
     *
     * @param link the commands, the report lines and the target
     * @throws Exception if the attack cannot go on
     */
    void run(AttackerLink link) throws Exception;

    /**
     * Closes every socket the attack still holds.
     *
     * @throws Exception if a loop of the attack failed
     */
    void release() throws Exception;
}
