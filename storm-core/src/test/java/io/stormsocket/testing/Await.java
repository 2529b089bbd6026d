package io.stormsocket.testing;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting helpers for tests: every wait has a deadline and a message, none sleeps blindly. */
public final class Await {
    /** The default deadline. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await() {
    }

    /**
     * Waits for a future with the default deadline.
     *
     * @param future the future
     * @param <T> the result type
     * @return its value
     */
    public static <T> T result(Future<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("future failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("future not done within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Waits for a future to fail and returns the cause.
     *
     * @param future the future
     * @return the failure
     */
    public static Throwable failure(Future<?> future) {
        try {
            Object value = future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure but the future completed with " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        } catch (TimeoutException e) {
            throw new AssertionError("future not done within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Polls a condition until it holds or the deadline passes.
     *
     * @param what the condition, in words, for the failure message
     * @param condition the condition
     */
    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, TIMEOUT);
    }

    /**
     * Polls a condition until it holds or the deadline passes.
     *
     * @param what the condition, in words
     * @param condition the condition
     * @param timeout the deadline
     */
    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(POLL_INTERVAL_NANOS);
            if (Thread.interrupted()) {
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }

    /**
     * Polls a supplier until it returns a value meeting the check, returning the value.
     *
     * @param what what is awaited
     * @param supplier the value
     * @param check the condition
     * @param <T> the value type
     * @return the value
     */
    public static <T> T value(String what, Supplier<T> supplier, java.util.function.Predicate<T> check) {
        Object[] holder = new Object[1];
        until(what, () -> {
            T v = supplier.get();
            holder[0] = v;
            return check.test(v);
        });
        @SuppressWarnings("unchecked")
        T result = (T) holder[0];
        return result;
    }
}
