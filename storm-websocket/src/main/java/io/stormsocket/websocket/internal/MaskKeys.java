package io.stormsocket.websocket.internal;

import java.security.SecureRandom;

/**
 * Masking keys for one client connection, unpredictable to the application (RFC 6455 section
 * 10.3): drawn from a {@link SecureRandom} in batches of 64 keys, so the random source is touched
 * once per 64 frames rather than once per frame.
 *
 * <p>Threading: any sending thread; {@link #next} is synchronized (uncontended in the common case
 * of one sender).
 */
final class MaskKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] pool = new byte[256];
    private int next = pool.length;

    synchronized int next() {
        if (next == pool.length) {
            synchronized (RANDOM) {
                RANDOM.nextBytes(pool);
            }
            next = 0;
        }
        int key = (pool[next] & 0xFF) << 24 | (pool[next + 1] & 0xFF) << 16 | (pool[next + 2] & 0xFF) << 8
                | (pool[next + 3] & 0xFF);
        next += 4;
        return key;
    }
}
