package io.stormsocket.benchmarks.fault;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The contention baseline's load: a CPU-only loop in the attacker JVM using a given share of a
 * core (start command {@code busy permille=N}; above 1,000 it runs on several threads). Each
 * thread keeps its own CPU time at its share of the wall time since it started: it spins while it
 * owes CPU, in slices of at most {@link #SLICE_NANOS}, and parks while it is ahead, so a park that
 * oversleeps is made up for. It touches no socket, so a healthy client slowed by it is slowed by
 * the lost CPU alone, not by anything the server does. The share the whole JVM actually used is
 * the {@code STOPPED} line's CPU time.
 */
final class BusyLoop implements AttackerHalf {
    /** The start command's name. */
    static final String NAME = "busy";
    private static final long SLICE_NANOS = TimeUnit.MICROSECONDS.toNanos(250);

    private final List<Background> loops = new ArrayList<>();
    /** Sink for the busy work's result, so the JIT cannot drop it. */
    private volatile long sink;

    @Override
    public void run(AttackerLink link) throws Exception {
        int permille = link.intArg("permille");
        int threads = Math.max(1, (permille + 999) / 1000);
        double share = permille / 1000.0 / threads;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < threads; i++) {
            long[] start = {-1, -1};
            loops.add(Background.loop("busy " + i, () -> {
                long now = System.nanoTime();
                if (start[0] < 0) {
                    start[0] = now;
                    start[1] = cpu.getCurrentThreadCpuTime();
                }
                long owed = (long) (share * (now - start[0])) - (cpu.getCurrentThreadCpuTime() - start[1]);
                if (owed > 0) {
                    long until = now + Math.min(owed, SLICE_NANOS);
                    long work = now;
                    while (System.nanoTime() < until) {
                        work += Long.numberOfTrailingZeros(work);
                    }
                    sink = work;
                } else if (share > 0) {
                    LockSupport.parkNanos(Math.min((long) (-owed / share), SLICE_NANOS * 4));
                } else {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
                return true;
            }));
        }
        AttackerLink.report(AttackerJvm.STARTED, "threads", threads);
        link.expect(AttackerJvm.STOP);
        for (Background loop : loops) {
            loop.stop();
        }
        link.stopped();
    }

    @Override
    public void release() {
        // No sockets.
    }
}
