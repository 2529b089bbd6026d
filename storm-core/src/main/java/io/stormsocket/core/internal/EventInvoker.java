package io.stormsocket.core.internal;

/**
 * Runs one session's event tasks in order: inline on the event loop, or one at a time on a
 * handler executor.
 */
interface EventInvoker {
    /**
     * Runs or queues an event task. Called on the session's event loop.
     *
     * @param task the event delivery
     * @param bytes received bytes the task holds, counted against the receive limit
     */
    void invoke(Runnable task, int bytes);

    /** The invoker that runs tasks at once, on the calling event loop. */
    EventInvoker DIRECT = (task, bytes) -> task.run();
}
