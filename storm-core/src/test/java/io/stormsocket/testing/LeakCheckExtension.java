package io.stormsocket.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reports a leak: after each test (and more thoroughly after each class) it
 * collects garbage, makes the detectors look at what was collected, and turns any report into an
 * {@link AssertionError}. Registered for every test through JUnit's extension auto-detection.
 *
 * <p>A leak is detected when its buffer is garbage-collected, which can be after a later test
 * started; the message says so.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!FailingLeakDetector.installed()) {
            throw new IllegalStateException("tests must run with -Dio.netty.customResourceLeakDetector="
                    + FailingLeakDetector.class.getName() + " (see the parent pom's storm.test.argLine)");
        }
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new IllegalStateException("tests must run with -Dio.netty.leakDetection.level=paranoid");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check(context, 1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(context, 3);
    }

    private static void check(ExtensionContext context, int rounds) {
        for (int i = 0; i < rounds; i++) {
            System.gc();
            triggerDetection();
        }
        List<String> leaks = FailingLeakDetector.drainLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty leak report(s) after " + context.getDisplayName()
                    + " (the leak may come from this or an earlier test):\n" + String.join("\n\n", leaks));
        }
    }

    /** Detectors look for collected leaks when a new resource is tracked, so allocate a few. */
    private static void triggerDetection() {
        for (int i = 0; i < 4; i++) {
            ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(8);
            pooled.release();
            ByteBuf heap = PooledByteBufAllocator.DEFAULT.heapBuffer(8);
            heap.release();
            ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.buffer(8);
            unpooled.release();
        }
    }
}
