package io.stormsocket.benchmarks.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.core.codec.LengthPrefixCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The encoding side of a broadcast to {@code sessions} members, without the network: framing the
 * message once and handing each member a retained duplicate (what Storm's broadcast does) against
 * framing it once per member. One operation is one whole broadcast.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
public class BroadcastEncodeBenchmark extends BenchmarkBase {
    /** Created by JMH, once per fork and state scope. */
    public BroadcastEncodeBenchmark() {
    }


    /** Number of members the message goes to. */
    @Param({"100", "10000"})
    public int sessions;

    /** Payload size in bytes. */
    @Param({"32", "1024"})
    public int size;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private LengthPrefixCodec codec;
    private ByteBuf payload;

    /** Builds the payload. */
    @Setup(Level.Trial)
    public void setUp() {
        codec = FrameCodecs.lengthPrefix();
        payload = alloc.directBuffer(size).writeZero(size);
    }

    /** Releases the payload. */
    @TearDown(Level.Trial)
    public void tearDown() {
        payload.release();
    }

    /**
     * Frames once, then one retained duplicate per member (released as a write would).
     *
     * @param bh consumes each member's buffer
     */
    @Benchmark
    public void encodeOnce(Blackhole bh) {
        ByteBuf frame = codec.encode(payload, alloc);
        try {
            for (int i = 0; i < sessions; i++) {
                ByteBuf copy = frame.retainedDuplicate();
                bh.consume(copy);
                copy.release();
            }
        } finally {
            frame.release();
        }
    }

    /**
     * Frames the message again for every member.
     *
     * @param bh consumes each member's buffer
     */
    @Benchmark
    public void encodePerSession(Blackhole bh) {
        for (int i = 0; i < sessions; i++) {
            ByteBuf frame = codec.encode(payload, alloc);
            bh.consume(frame);
            frame.release();
        }
    }
}
