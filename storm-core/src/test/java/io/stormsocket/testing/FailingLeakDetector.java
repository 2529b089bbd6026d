package io.stormsocket.testing;

import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Netty leak detector that remembers every report so {@link LeakCheckExtension} can fail the
 * test. Installed for every test JVM by Surefire's
 * {@code -Dio.netty.customResourceLeakDetector=io.stormsocket.testing.FailingLeakDetector}.
 *
 * @param <T> the tracked resource type
 */
public final class FailingLeakDetector<T> extends ResourceLeakDetector<T> {
    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();

    /**
     * Called by Netty's detector factory.
     *
     * @param resourceType the tracked class
     * @param samplingInterval the sampling interval
     */
    public FailingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /**
     * Called by Netty's detector factory (the older constructor it looks up first).
     *
     * @param resourceType the tracked class
     * @param samplingInterval the sampling interval
     * @param maxActive ignored
     */
    @SuppressWarnings("deprecation")
    public FailingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval, maxActive);
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected.");
        super.reportUntracedLeak(resourceType);
    }

    /**
     * Returns and forgets the leaks reported so far.
     *
     * @return the reports, oldest first
     */
    public static List<String> drainLeaks() {
        List<String> leaks = new ArrayList<>();
        String leak;
        while ((leak = LEAKS.poll()) != null) {
            leaks.add(leak);
        }
        return leaks;
    }

    /**
     * Tells whether this detector is the one Netty uses in this JVM.
     *
     * @return {@code true} when the Surefire configuration installed it
     */
    public static boolean installed() {
        return FailingLeakDetector.class.getName().equals(System.getProperty("io.netty.customResourceLeakDetector"));
    }
}
