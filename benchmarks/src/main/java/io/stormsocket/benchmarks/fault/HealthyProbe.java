package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.codec.FrameCodecs;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A well-behaved client doing numbered echo round trips one at a time; it measures their p99 and
 * checks that every reply came back, in order.
 *
 * <p>Threading: {@link #measure} runs on the caller's thread; replies arrive on the client's event
 * loop through a queue. Lifecycle: connected by {@link #connect}, closed by {@link #close}.
 */
final class HealthyProbe implements AutoCloseable {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private final StormClient client;
    private final BlockingQueue<Integer> replies = new LinkedBlockingQueue<>();

    private HealthyProbe(StormClient client) {
        this.client = client;
        client.onDataReceived((s, data) -> replies.add(data.buffer().getInt(data.buffer().readerIndex())));
    }

    /** Connects a probe to a server on 127.0.0.1. */
    static HealthyProbe connect(int port) throws Exception {
        HealthyProbe probe = new HealthyProbe(StormClient.create(ClientConfig.builder()
                .endpoint("127.0.0.1", port).codec(FrameCodecs.lengthPrefix()).build()));
        probe.client.connect().get(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return probe;
    }

    /** The outcome of one measurement: p99 in microseconds, and whether every reply was right. */
    record Measurement(long p99Micros, boolean inOrder) {
    }

    /** Runs {@code count} round trips, each starting at least {@code pace} after the one before. */
    Measurement measure(int count, Duration pace) throws InterruptedException {
        long next = System.nanoTime();
        long[] micros = new long[count];
        boolean inOrder = true;
        for (int i = 0; i < count; i++) {
            while (System.nanoTime() < next) {
                java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
            }
            long start = System.nanoTime();
            next = start + pace.toNanos();
            byte[] frame = new byte[16];
            ByteBuffer.wrap(frame).putInt(i);
            client.send(frame);
            Integer reply = replies.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            micros[i] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            if (reply == null || reply != i) {
                inOrder = false;
                break;
            }
        }
        inOrder &= replies.isEmpty();
        Arrays.sort(micros);
        return new Measurement(micros[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)], inOrder);
    }

    @Override
    public void close() {
        client.close();
    }
}
