package io.stormsocket.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void allowsTheLimitWithinOneWindowAndRefusesTheRest() {
        SlidingWindow window = new SlidingWindow(10, SECOND, 0);
        int allowed = 0;
        for (int i = 0; i < 25; i++) {
            if (window.tryAcquire(i * 1_000_000L)) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(10);
    }

    @Test
    void aBurstAtTheWindowBoundaryCannotDoubleTheRate() {
        SlidingWindow window = new SlidingWindow(10, SECOND, 0);
        long justBefore = SECOND - 1_000;
        long justAfter = SECOND + 1_000;
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            allowed += window.tryAcquire(justBefore) ? 1 : 0;
        }
        for (int i = 0; i < 10; i++) {
            allowed += window.tryAcquire(justAfter) ? 1 : 0;
        }
        // A fixed window would allow 20 here; the sliding window allows about one window's worth.
        assertThat(allowed).isBetween(10, 11);
    }

    @Test
    void theCountRecoversAsTheWindowSlides() {
        SlidingWindow window = new SlidingWindow(10, SECOND, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(window.tryAcquire(0)).isTrue();
        }
        assertThat(window.tryAcquire(SECOND / 2)).isFalse();
        // Half way through the next window, half of the previous window's count still overlaps.
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            allowed += window.tryAcquire(SECOND + SECOND / 2) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(5);
        // Two windows later everything is forgotten.
        int later = 0;
        for (int i = 0; i < 12; i++) {
            later += window.tryAcquire(4 * SECOND) ? 1 : 0;
        }
        assertThat(later).isEqualTo(10);
    }

    @Test
    void aSustainedFloodGetsTheLimitRate() {
        SlidingWindow window = new SlidingWindow(100, SECOND, 0);
        long allowed = 0;
        // 1,000 attempts per second for 10 seconds: 10x the limit.
        for (long t = 0; t < 10 * SECOND; t += SECOND / 1000) {
            allowed += window.tryAcquire(t) ? 1 : 0;
        }
        assertThat(allowed).isBetween(950L, 1050L);
    }
}
