package io.stormsocket.core.internal;

import io.stormsocket.core.Subscription;
import java.util.Arrays;

/**
 * A copy-on-write list of event handlers: iteration (on every event) reads one volatile array
 * without locking; subscribing and unsubscribing (rare) copy it under a lock.
 *
 * @param <H> the handler type
 */
final class Listeners<H> {
    private final Object lock = new Object();
    private volatile Object[] handlers = new Object[0];

    Subscription add(H handler) {
        Entry<H> entry = new Entry<>(handler);
        synchronized (lock) {
            Object[] next = Arrays.copyOf(handlers, handlers.length + 1);
            next[next.length - 1] = entry;
            handlers = next;
        }
        return () -> remove(entry);
    }

    private void remove(Entry<H> entry) {
        synchronized (lock) {
            Object[] current = handlers;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == entry) {
                    Object[] next = new Object[current.length - 1];
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    handlers = next;
                    return;
                }
            }
        }
    }

    /** Returns the handlers in registration order; the array must not be modified. */
    Object[] snapshot() {
        return handlers;
    }

    boolean isEmpty() {
        return handlers.length == 0;
    }

    @SuppressWarnings("unchecked")
    static <H> H handler(Object entry) {
        return ((Entry<H>) entry).handler;
    }

    /** A distinct wrapper per subscription, so subscribing one handler twice gives two entries. */
    private static final class Entry<H> {
        final H handler;

        Entry(H handler) {
            this.handler = handler;
        }
    }
}
