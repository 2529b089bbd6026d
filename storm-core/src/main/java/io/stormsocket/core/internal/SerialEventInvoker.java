package io.stormsocket.core.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a session's event tasks on a user executor one at a time, in submission order, and applies
 * receive backpressure: when the bytes held by queued tasks pass the limit, the session is asked to
 * stop reading; when they drop to half, to resume. The signal is level-triggered: the session reads
 * {@link #isOverLimit()} when it applies it, so signals that arrive out of order cannot leave
 * reading on while the backlog is over the limit.
 *
 * <p>Threading: {@link #invoke} is called on the event loop; the drain loop runs on the executor,
 * one thread at a time (guarded by {@code running}).
 */
final class SerialEventInvoker implements EventInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(SerialEventInvoker.class);

    private final Executor executor;
    private final long limit;
    private final Runnable backlogChanged;
    private final Queue<Task> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean over = new AtomicBoolean();

    SerialEventInvoker(Executor executor, long limit, Runnable backlogChanged) {
        this.executor = executor;
        this.limit = limit;
        this.backlogChanged = backlogChanged;
    }

    /** {@return whether the queued tasks hold more than the limit (until they fall to half)} */
    boolean isOverLimit() {
        return over.get();
    }

    @Override
    public void invoke(Runnable task, int bytes) {
        queue.add(new Task(task, bytes));
        if (bytes > 0 && pendingBytes.addAndGet(bytes) > limit && over.compareAndSet(false, true)) {
            backlogChanged.run();
        }
        schedule();
    }

    private void schedule() {
        if (running.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                LOG.warn("Handler executor rejected a task; running the session's events on the calling thread", e);
                drain();
            }
        }
    }

    /** Runs queued tasks; entered only by the thread that set {@code running}. */
    private void drain() {
        try {
            Task task;
            while ((task = queue.poll()) != null) {
                try {
                    task.runnable.run();
                } catch (Throwable t) {
                    LOG.error("Event task failed outside the handler guards", t);
                } finally {
                    release(task.bytes);
                }
            }
        } finally {
            running.set(false);
            if (!queue.isEmpty()) {
                schedule();
            }
        }
    }

    private void release(int bytes) {
        if (bytes > 0 && pendingBytes.addAndGet(-bytes) <= limit / 2 && over.compareAndSet(true, false)) {
            backlogChanged.run();
        }
    }

    private record Task(Runnable runnable, int bytes) {
    }
}
