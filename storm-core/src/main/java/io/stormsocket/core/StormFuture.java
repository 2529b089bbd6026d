package io.stormsocket.core;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The future every asynchronous Storm operation returns: a {@link CompletableFuture} that only
 * Storm can complete.
 *
 * <p>Users compose it like any {@code CompletableFuture} ({@code thenAccept}, {@code get(timeout)},
 * ...). The completing methods ({@code complete}, {@code completeExceptionally}, {@code obtrude*},
 * {@code completeAsync}) throw {@link UnsupportedOperationException}; {@link #orTimeout} and
 * {@link #completeOnTimeout} return a new dependent future instead of changing this one.
 * {@link #cancel(boolean)} does nothing and returns {@code false} unless the operation supports
 * cancellation (an RPC request does; a send does not).
 *
 * <p>Threading: dependent actions registered with the non-async methods run on the thread that
 * completes the future, which is often an event loop: keep them short and non-blocking. Blocking on
 * an incomplete future ({@code get}/{@code join}) from an event-loop thread can deadlock; Storm logs
 * a warning with the stack trace when that happens.
 *
 * @param <T> the result type
 */
public final class StormFuture<T> extends CompletableFuture<T> {
    private static final Logger LOG = LoggerFactory.getLogger(StormFuture.class);

    private volatile Runnable cancelHook;

    private StormFuture() {
    }

    /**
     * Creates a future already completed with a value.
     *
     * @param value the result
     * @param <T> the result type
     * @return a completed future
     */
    public static <T> StormFuture<T> succeeded(T value) {
        StormFuture<T> future = new StormFuture<>();
        future.doComplete(value);
        return future;
    }

    /**
     * Creates a future already failed with a cause.
     *
     * @param cause the failure
     * @param <T> the result type
     * @return a failed future
     */
    public static <T> StormFuture<T> failed(Throwable cause) {
        StormFuture<T> future = new StormFuture<>();
        future.doFail(cause);
        return future;
    }

    /**
     * Creates a promise: the completing side of a new {@code StormFuture}. Storm's modules use it
     * to hand out futures that only they can complete.
     *
     * @param <T> the result type
     * @return a new promise whose {@link Promise#future()} is incomplete
     */
    public static <T> Promise<T> promise() {
        return new Promise<>(new StormFuture<>());
    }

    private boolean doComplete(T value) {
        return super.complete(value);
    }

    private boolean doFail(Throwable cause) {
        return super.completeExceptionally(cause);
    }

    /** Always throws: only Storm completes its futures. */
    @Override
    public boolean complete(T value) {
        throw new UnsupportedOperationException("a StormFuture is completed by Storm only");
    }

    /** Always throws: only Storm completes its futures. */
    @Override
    public boolean completeExceptionally(Throwable ex) {
        throw new UnsupportedOperationException("a StormFuture is completed by Storm only");
    }

    /** Always throws: only Storm completes its futures. */
    @Override
    public void obtrudeValue(T value) {
        throw new UnsupportedOperationException("a StormFuture is completed by Storm only");
    }

    /** Always throws: only Storm completes its futures. */
    @Override
    public void obtrudeException(Throwable ex) {
        throw new UnsupportedOperationException("a StormFuture is completed by Storm only");
    }

    /** Always throws: only Storm completes its futures. */
    @Override
    public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
        throw new UnsupportedOperationException("a StormFuture is completed by Storm only");
    }

    /** Always throws: only Storm completes its futures. */
    @Override
    public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier) {
        throw new UnsupportedOperationException("a StormFuture is completed by Storm only");
    }

    /**
     * Returns a new future that completes like this one, or fails with a {@link TimeoutException}
     * after the timeout. This future itself is not changed.
     */
    @Override
    public CompletableFuture<T> orTimeout(long timeout, TimeUnit unit) {
        return copy().orTimeout(timeout, unit);
    }

    /**
     * Returns a new future that completes like this one, or with {@code value} after the timeout.
     * This future itself is not changed.
     */
    @Override
    public CompletableFuture<T> completeOnTimeout(T value, long timeout, TimeUnit unit) {
        return copy().completeOnTimeout(value, timeout, unit);
    }

    /**
     * Cancels the operation if it supports cancellation; otherwise does nothing.
     *
     * @param mayInterruptIfRunning ignored
     * @return {@code true} if this call cancelled the operation
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        Runnable hook = cancelHook;
        if (hook == null || isDone()) {
            return false;
        }
        boolean cancelled = super.completeExceptionally(new CancellationException());
        if (cancelled) {
            hook.run();
        }
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        warnIfBlockingEventLoop();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        warnIfBlockingEventLoop();
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        warnIfBlockingEventLoop();
        return super.join();
    }

    private void warnIfBlockingEventLoop() {
        if (isDone()) {
            return;
        }
        EventExecutor executor = ThreadExecutorMap.currentExecutor();
        if (executor != null) {
            LOG.warn("Blocking on an incomplete StormFuture from event-loop thread {}; this can deadlock."
                    + " Compose with thenAccept/whenComplete instead.",
                    Thread.currentThread().getName(), new IllegalStateException("blocking call site"));
        }
    }

    /**
     * The completing side of a {@link StormFuture}. Whoever holds the promise decides the outcome;
     * whoever holds only the future can observe it.
     *
     * @param <T> the result type
     */
    public static final class Promise<T> {
        private final StormFuture<T> future;

        private Promise(StormFuture<T> future) {
            this.future = future;
        }

        /**
         * Returns the future this promise completes.
         *
         * @return the future to hand out
         */
        public StormFuture<T> future() {
            return future;
        }

        /**
         * Completes the future with a value unless it is already complete.
         *
         * @param value the result
         * @return {@code true} if this call completed the future
         */
        public boolean succeed(T value) {
            return future.doComplete(value);
        }

        /**
         * Completes the future with a failure unless it is already complete.
         *
         * @param cause the failure
         * @return {@code true} if this call completed the future
         */
        public boolean fail(Throwable cause) {
            return future.doFail(cause);
        }

        /**
         * Makes the future cancellable: {@code cancel} fails it with a
         * {@link CancellationException} and then runs the hook once.
         *
         * @param hook what to do when a user cancels, for example tell the peer
         * @return this promise
         */
        public Promise<T> onCancel(Runnable hook) {
            future.cancelHook = hook;
            return this;
        }
    }
}
