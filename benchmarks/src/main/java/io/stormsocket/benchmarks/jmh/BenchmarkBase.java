package io.stormsocket.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every Storm benchmark shares: two forks (so JIT luck in one JVM shows in the error
 * bars, which matter on a 2-core machine), five one-second measurements after three warm-ups,
 * and Netty's leak detector disabled in the forks (sampling would otherwise allocate on the hot
 * path and skew allocation-sensitive results). JMH reads these annotations from the superclass.
 */
@Fork(value = 2, jvmArgsAppend = {"-Dio.netty.leakDetection.level=disabled"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class BenchmarkBase {
    /** For subclasses. */
    protected BenchmarkBase() {
    }
}
