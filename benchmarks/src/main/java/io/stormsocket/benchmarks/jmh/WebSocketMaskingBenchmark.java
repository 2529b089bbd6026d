package io.stormsocket.benchmarks.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.stormsocket.websocket.internal.Masking;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * WebSocket masking (RFC 6455 section 5.3), which every client frame pays for twice: the client
 * masks, the server unmasks. Storm's {@code Masking} (eight bytes at a time on one NIO view of
 * pooled memory) against the byte-at-a-time loop through {@code ByteBuf} accessors that a
 * straightforward decoder writes, on a pooled direct buffer, unmasking in place as a server does
 * and copying masked as a client encoder does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
public class WebSocketMaskingBenchmark extends BenchmarkBase {
    /** Created by JMH, once per fork and state scope. */
    public WebSocketMaskingBenchmark() {
    }

    /** Payload size in bytes. */
    @Param({"32", "1024", "65536"})
    public int size;

    private ByteBuf payload;
    private ByteBuf target;
    private int key;

    /** Allocates the payload and the copy target from the pooled allocator, as a connection would. */
    @Setup(Level.Trial)
    public void setUp() {
        payload = PooledByteBufAllocator.DEFAULT.directBuffer(size);
        byte[] random = new byte[size];
        ThreadLocalRandom.current().nextBytes(random);
        payload.writeBytes(random);
        target = PooledByteBufAllocator.DEFAULT.directBuffer(size);
        key = ThreadLocalRandom.current().nextInt();
    }

    /** Releases the buffers. */
    @TearDown(Level.Trial)
    public void tearDown() {
        payload.release();
        target.release();
    }

    /**
     * Unmasks the payload in place with Storm's masking, as the server's frame decoder does.
     *
     * @return a byte of the result, so the work is not eliminated
     */
    @Benchmark
    public byte unmaskInPlaceStorm() {
        Masking.maskInPlace(payload, 0, size, key, 0);
        return payload.getByte(size - 1);
    }

    /**
     * Unmasks the payload in place one byte at a time through the buffer's accessors.
     *
     * @return a byte of the result, so the work is not eliminated
     */
    @Benchmark
    public byte unmaskInPlaceByteLoop() {
        ByteBuf buf = payload;
        for (int i = 0; i < size; i++) {
            buf.setByte(i, buf.getByte(i) ^ (key >>> (24 - 8 * (i & 3))));
        }
        return buf.getByte(size - 1);
    }

    /**
     * Copies the payload masked into another buffer with Storm's masking, as the client's frame
     * encoder does.
     *
     * @return a byte of the result, so the work is not eliminated
     */
    @Benchmark
    public byte copyMaskedStorm() {
        target.clear();
        Masking.copyMasked(payload, 0, size, target, key);
        return target.getByte(size - 1);
    }

    /**
     * Copies the payload masked one byte at a time through the buffers' accessors.
     *
     * @return a byte of the result, so the work is not eliminated
     */
    @Benchmark
    public byte copyMaskedByteLoop() {
        ByteBuf src = payload;
        ByteBuf dst = target.clear();
        for (int i = 0; i < size; i++) {
            dst.writeByte(src.getByte(i) ^ (key >>> (24 - 8 * (i & 3))));
        }
        return dst.getByte(size - 1);
    }
}
