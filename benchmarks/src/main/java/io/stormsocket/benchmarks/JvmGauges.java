package io.stormsocket.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Readings of this JVM's own resources that benchmarks compare before and after a run. */
public final class JvmGauges {
    private static final int COLLECTIONS = 10;

    private JvmGauges() {
    }

    /**
     * Returns the live heap: the lowest heap-in-use reading over several full collections (one
     * collection can leave garbage that reference processing frees only in the next).
     *
     * @return bytes of heap in use
     */
    public static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < COLLECTIONS; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * Returns this process's resident memory (Linux: {@code VmRSS} of {@code /proc/self/status}):
     * heap, native memory such as zlib state and direct buffers, and everything else.
     *
     * @return bytes resident, or -1 where {@code /proc} is not available
     */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Counts this process's open file descriptors (Linux: the entries of {@code /proc/self/fd}).
     *
     * @return the count, or -1 where {@code /proc} is not available
     */
    public static long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Polls, with a deadline, until at most {@code bound} descriptors are open (closed channels give
     * theirs back a moment after their close completes).
     *
     * @param bound the count to wait for
     * @param timeout how long to poll
     * @return the last count read
     * @throws InterruptedException if interrupted while polling
     */
    public static long awaitOpenFilesAtMost(long bound, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long open = openFiles();
        while (open > bound && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
            open = openFiles();
        }
        return open;
    }
}
