/**
 * Storm's benchmarks: the entry point of the runnable jar ({@link io.stormsocket.benchmarks.Main}),
 * the echo load tool in {@code echo} and the JMH benchmarks in {@code jmh}.
 */
package io.stormsocket.benchmarks;
