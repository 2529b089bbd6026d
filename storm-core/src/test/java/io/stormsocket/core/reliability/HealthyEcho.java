package io.stormsocket.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.StormClient;
import io.stormsocket.testing.Await;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A well-behaved client doing numbered echo round trips one at a time: each reply must carry the
 * number just sent, so a lost, duplicated or reordered reply fails the run. It records each round
 * trip's time so a test can report the p99; the figure is printed, never asserted.
 *
 * <p>Threading: {@link #roundTrips} runs on the calling thread; replies arrive on the client's
 * event loop and are handed over through a queue.
 */
final class HealthyEcho {
    private final StormClient client;
    private final BlockingQueue<Integer> replies = new LinkedBlockingQueue<>();

    /** Wires the reply queue into a created, not yet connected client, then connects it. */
    HealthyEcho(StormClient client) {
        this.client = client;
        client.onDataReceived((s, data) -> replies.add(data.buffer().getInt(data.buffer().readerIndex())));
        Await.result(client.connect());
    }

    /**
     * Runs {@code count} round trips and asserts every reply came back, in order.
     *
     * @return the round-trip p99 in microseconds
     */
    long roundTrips(int count) throws InterruptedException {
        long[] micros = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            byte[] frame = new byte[16];
            ByteBuffer.wrap(frame).putInt(i);
            client.send(frame);
            Integer reply = replies.poll(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(reply).as("reply to round trip %d", i).isEqualTo(i);
            micros[i] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        }
        assertThat(replies).as("no extra replies").isEmpty();
        Arrays.sort(micros);
        return micros[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)];
    }
}
