package io.stormsocket.benchmarks.soak;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Netty's leak detector at {@code PARANOID} (every buffer tracked) with a count of its reports, for
 * a JVM that runs the soak outside the test suite.
 *
 * <p>{@link #install()} must run before anything in the JVM allocates a Netty buffer: Netty
 * creates its buffer detector once, when its allocator class loads, from the system properties
 * set here. {@link #install()} checks that it worked.
 *
 * <p>Threading: any thread.
 */
final class LeakWatch {
    private static final AtomicInteger DETECTORS = new AtomicInteger();
    private static final AtomicLong REPORTS = new AtomicLong();

    private LeakWatch() {
    }

    /**
     * Installs the counting detector at {@code PARANOID}.
     *
     * @throws IllegalStateException if Netty's buffer detector was made before this call
     */
    static void install() {
        System.setProperty("io.netty.leakDetection.level", "paranoid");
        System.setProperty("io.netty.customResourceLeakDetector", CountingDetector.class.getName());
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ByteBufAllocator.DEFAULT.buffer(1).release();
        if (DETECTORS.get() == 0) {
            throw new IllegalStateException("the counting leak detector is not in use: Netty made its detector "
                    + "before this call or could not load " + CountingDetector.class.getName());
        }
    }

    /**
     * Collects garbage a few times and allocates after each collection, so that Netty reports every
     * buffer that was collected unreleased; returns the number of reports so far.
     *
     * @return leak reports since {@link #install()}
     */
    static long collectAndCount() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            // The detector looks for collected, unreleased buffers whenever it tracks a new one.
            for (int j = 0; j < 64; j++) {
                ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
                probe.release();
            }
        }
        return REPORTS.get();
    }

    /**
     * Netty's detector with every report counted; Netty creates it from the system property.
     *
     * @param <T> the tracked type
     */
    public static final class CountingDetector<T> extends ResourceLeakDetector<T> {
        /**
         * Called by Netty's detector factory.
         *
         * @param resourceType the tracked type
         * @param samplingInterval the sampling interval
         */
        public CountingDetector(Class<?> resourceType, int samplingInterval) {
            super(resourceType, samplingInterval);
            DETECTORS.incrementAndGet();
        }

        /**
         * Called by Netty's detector factory (the older constructor it looks up first).
         *
         * @param resourceType the tracked type
         * @param samplingInterval the sampling interval
         * @param maxActive ignored
         */
        @SuppressWarnings("deprecation")
        public CountingDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
            super(resourceType, samplingInterval, maxActive);
            DETECTORS.incrementAndGet();
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            REPORTS.incrementAndGet();
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            REPORTS.incrementAndGet();
            super.reportUntracedLeak(resourceType);
        }
    }
}
