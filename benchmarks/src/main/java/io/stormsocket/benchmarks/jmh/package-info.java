/**
 * JMH benchmarks of Storm's hot paths and of the echo round trip, Storm against the raw-Netty
 * baseline in the same run. All extend {@link io.stormsocket.benchmarks.jmh.BenchmarkBase}, which
 * fixes forks, iterations and turns Netty's leak detector off in the forked JVMs.
 *
 * <p>Run them from the shaded jar: {@code java -jar benchmarks/target/storm-benchmarks.jar jmh
 * [regex]}; {@code jmh -l} lists them.
 */
package io.stormsocket.benchmarks.jmh;
