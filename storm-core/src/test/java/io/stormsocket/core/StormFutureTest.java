package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stormsocket.testing.Await;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StormFutureTest {

    @Test
    void rejectsEveryCompletingMethodFromUsers() {
        StormFuture<String> future = StormFuture.<String>promise().future();

        assertThatThrownBy(() -> future.complete("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> future.completeExceptionally(new RuntimeException()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> future.obtrudeValue("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> future.obtrudeException(new RuntimeException()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> future.completeAsync(() -> "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> future.completeAsync(() -> "x", Runnable::run))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(future).isNotDone();
    }

    @Test
    void completedFuturesStillRejectObtrusion() {
        StormFuture<String> future = StormFuture.succeeded("done");

        assertThatThrownBy(() -> future.obtrudeValue("other")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> future.obtrudeException(new RuntimeException()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(future).isCompletedWithValue("done");
    }

    @Test
    void factoriesCreateCompletedFutures() {
        IllegalStateException cause = new IllegalStateException("no");

        assertThat(StormFuture.succeeded(42)).isCompletedWithValue(42);
        StormFuture<Integer> failed = StormFuture.failed(cause);
        assertThat(failed).isCompletedExceptionally().isNotCancelled();
        assertThat(Await.failure(failed)).isSameAs(cause);
    }

    @Test
    void promiseSucceedsTheFutureOnlyOnce() {
        StormFuture.Promise<String> promise = StormFuture.promise();
        StormFuture<String> future = promise.future();
        assertThat(future).isNotDone();

        assertThat(promise.succeed("first")).isTrue();
        assertThat(promise.succeed("second")).isFalse();
        assertThat(promise.fail(new RuntimeException("late"))).isFalse();

        assertThat(future).isCompletedWithValue("first");
        assertThat(promise.future()).isSameAs(future);
    }

    @Test
    void promiseFailsTheFutureOnlyOnce() {
        StormFuture.Promise<String> promise = StormFuture.promise();
        RuntimeException cause = new RuntimeException("first");

        assertThat(promise.fail(cause)).isTrue();
        assertThat(promise.fail(new RuntimeException("second"))).isFalse();
        assertThat(promise.succeed("late")).isFalse();

        assertThat(Await.failure(promise.future())).isSameAs(cause);
    }

    @Test
    void cancelWithoutAHookReturnsFalseAndLeavesTheFutureIncomplete() {
        StormFuture.Promise<String> promise = StormFuture.promise();
        StormFuture<String> future = promise.future();

        assertThat(future.cancel(true)).isFalse();
        assertThat(future.cancel(false)).isFalse();

        assertThat(future).isNotDone().isNotCancelled();
        assertThat(promise.succeed("still works")).isTrue();
        assertThat(future).isCompletedWithValue("still works");
    }

    @Test
    void cancelWithAHookFailsWithCancellationAndRunsTheHookOnce() {
        AtomicInteger hookRuns = new AtomicInteger();
        StormFuture.Promise<String> promise = StormFuture.<String>promise().onCancel(hookRuns::incrementAndGet);
        StormFuture<String> future = promise.future();

        assertThat(future.cancel(false)).isTrue();
        assertThat(future.cancel(true)).isFalse();

        assertThat(hookRuns).hasValue(1);
        assertThat(future).isCancelled().isCompletedExceptionally();
        assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
        assertThat(promise.succeed("too late")).isFalse();
    }

    @Test
    void cancelAfterCompletionDoesNotRunTheHook() {
        AtomicInteger hookRuns = new AtomicInteger();
        StormFuture.Promise<String> promise = StormFuture.<String>promise().onCancel(hookRuns::incrementAndGet);
        promise.succeed("done");

        assertThat(promise.future().cancel(true)).isFalse();

        assertThat(hookRuns).hasValue(0);
        assertThat(promise.future()).isCompletedWithValue("done");
    }

    @Test
    void orTimeoutReturnsANewFutureThatTimesOutWhileTheOriginalStaysIncomplete() {
        StormFuture.Promise<String> promise = StormFuture.promise();
        StormFuture<String> future = promise.future();

        CompletableFuture<String> timed = future.orTimeout(1, TimeUnit.MILLISECONDS);

        assertThat(timed).isNotSameAs(future);
        assertThat(Await.failure(timed)).isInstanceOf(TimeoutException.class);
        assertThat(future).isNotDone();
        assertThat(promise.succeed("late")).isTrue();
        assertThat(future).isCompletedWithValue("late");
    }

    @Test
    void orTimeoutFollowsTheOriginalWhenItCompletesInTime() {
        StormFuture.Promise<String> promise = StormFuture.promise();

        CompletableFuture<String> timed = promise.future().orTimeout(1, TimeUnit.HOURS);
        promise.succeed("on time");

        assertThat(timed).isCompletedWithValue("on time");
    }

    @Test
    void completeOnTimeoutReturnsANewFutureAndLeavesTheOriginalIncomplete() {
        StormFuture<String> future = StormFuture.<String>promise().future();

        CompletableFuture<String> fallback = future.completeOnTimeout("fallback", 1, TimeUnit.MILLISECONDS);

        assertThat(fallback).isNotSameAs(future);
        assertThat(Await.result(fallback)).isEqualTo("fallback");
        assertThat(future).isNotDone();
    }

    @Test
    void dependentsSeeTheResultAndAreOrdinaryCompletableFutures() {
        StormFuture.Promise<String> promise = StormFuture.promise();
        CompletableFuture<Integer> length = promise.future().thenApply(String::length);
        CompletableFuture<String> chained = length.thenCompose(n -> StormFuture.succeeded("n=" + n));

        promise.succeed("storm");

        assertThat(length).isCompletedWithValue(5);
        assertThat(chained).isCompletedWithValue("n=5");
        CompletableFuture<Integer> other = StormFuture.<String>promise().future().thenApply(String::length);
        assertThat(other.complete(7)).as("dependents may be completed by their owner").isTrue();
    }

    @Test
    void dependentsSeeTheFailure() {
        StormFuture.Promise<String> promise = StormFuture.promise();
        CompletableFuture<Integer> length = promise.future().thenApply(String::length);
        CompletableFuture<String> recovered = promise.future().exceptionally(e -> "recovered from " + e.getMessage());

        promise.fail(new IllegalStateException("boom"));

        assertThatThrownBy(length::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(recovered).isCompletedWithValue("recovered from boom");
    }
}
