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
 * receive backpressure: when the bytes held by queued tasks pass the limit, the session stops
 * reading; when they drop to half, it resumes.
 *
 * <p>Threading: {@link #invoke} is called on the event loop; the drain loop runs on the executor,
 * one thread at a time (guarded by {@code running}).
 */
final class SerialEventInvoker implements EventInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(SerialEventInvoker.class);

    /** Pauses or resumes reading; called from any thread. */
    interface ReadBackpressure {
        void receiveBacklog(boolean over);
    }

    private final Executor executor;
    private final long limit;
    private final ReadBackpressure backpressure;
    private final Queue<Task> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean over = new AtomicBoolean();

    SerialEventInvoker(Executor executor, long limit, ReadBackpressure backpressure) {
        this.executor = executor;
        this.limit = limit;
        this.backpressure = backpressure;
    }

    @Override
    public void invoke(Runnable task, int bytes) {
        queue.add(new Task(task, bytes));
        if (bytes > 0 && pendingBytes.addAndGet(bytes) > limit && over.compareAndSet(false, true)) {
            backpressure.receiveBacklog(true);
        }
        schedule();
    }

    private void schedule() {
        if (running.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                running.set(false);
                LOG.warn("Handler executor rejected a task; running the session's events on the event loop", e);
                drain();
            }
        }
    }

    private void drain() {
        try {
            Task task;
            while ((task = queue.poll()) != null) {
                try {
                    task.runnable.run();
                } finally {
                    release(task.bytes);
                }
            }
        } finally {
            running.set(false);
        }
        if (!queue.isEmpty()) {
            schedule();
        }
    }

    private void release(int bytes) {
        if (bytes > 0 && pendingBytes.addAndGet(-bytes) <= limit / 2 && over.compareAndSet(true, false)) {
            backpressure.receiveBacklog(false);
        }
    }

    private record Task(Runnable runnable, int bytes) {
    }
}
