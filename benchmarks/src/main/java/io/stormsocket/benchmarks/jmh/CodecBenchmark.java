package io.stormsocket.benchmarks.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.stormsocket.core.codec.DelimiterCodec;
import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.core.codec.LengthPrefixCodec;
import java.util.Arrays;
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
 * Encode and decode of Storm's length-prefix and delimiter codecs, per frame, for several payload
 * sizes. Decoding walks a buffer of {@value #FRAMES} frames, as a read batch would, and releases
 * every frame as Storm does after the callback.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
public class CodecBenchmark extends BenchmarkBase {
    /** Created by JMH, once per fork and state scope. */
    public CodecBenchmark() {
    }

    static final int FRAMES = 64;

    /** Payload size in bytes. */
    @Param({"32", "1024", "16384"})
    public int size;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private LengthPrefixCodec lengthPrefix;
    private FrameCodec<ByteBuf> lines;
    private ByteBuf payload;
    private ByteBuf lengthWire;
    private ByteBuf lineWire;

    /** Builds the payload and the pre-encoded wire buffers. */
    @Setup(Level.Trial)
    public void setUp() {
        lengthPrefix = FrameCodecs.lengthPrefix();
        DelimiterCodec lineCodec = DelimiterCodec.builder().delimiter("\n").maxFrameLength(Math.max(size * 2, 1024))
                .build();
        lines = lineCodec.newSessionCodec();
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        payload = alloc.directBuffer(size).writeBytes(bytes);
        lengthWire = alloc.directBuffer(FRAMES * (size + 4));
        lineWire = alloc.directBuffer(FRAMES * (size + 1));
        for (int i = 0; i < FRAMES; i++) {
            lengthWire.writeInt(size).writeBytes(bytes);
            lineWire.writeBytes(bytes).writeByte('\n');
        }
    }

    /** Releases the buffers. */
    @TearDown(Level.Trial)
    public void tearDown() {
        payload.release();
        lengthWire.release();
        lineWire.release();
    }

    /**
     * Frames one payload with a 4-byte length prefix.
     *
     * @return the readable bytes of the frame
     * @throws Exception if the codec fails
     */
    @Benchmark
    public int encodeLengthPrefix() throws Exception {
        ByteBuf frame = lengthPrefix.encode(payload, alloc);
        int n = frame.readableBytes();
        frame.release();
        return n;
    }

    /**
     * Frames one payload with a newline delimiter.
     *
     * @return the readable bytes of the frame
     * @throws Exception if the codec fails
     */
    @Benchmark
    public int encodeDelimiter() throws Exception {
        ByteBuf frame = lines.encode(payload, alloc);
        int n = frame.readableBytes();
        frame.release();
        return n;
    }

    /**
     * Decodes {@value #FRAMES} length-prefixed frames.
     *
     * @param bh consumes each frame's length
     * @throws Exception if the codec fails
     */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(FRAMES)
    public void decodeLengthPrefix(Blackhole bh) throws Exception {
        decodeAll(lengthPrefix, lengthWire, bh);
    }

    /**
     * Decodes {@value #FRAMES} newline-delimited frames.
     *
     * @param bh consumes each frame's length
     * @throws Exception if the codec fails
     */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(FRAMES)
    public void decodeDelimiter(Blackhole bh) throws Exception {
        decodeAll(lines, lineWire, bh);
    }

    private static void decodeAll(FrameCodec<ByteBuf> codec, ByteBuf wire, Blackhole bh) throws Exception {
        ByteBuf in = wire.duplicate();
        int before;
        do {
            before = in.readerIndex();
            codec.decode(in, frame -> {
                bh.consume(frame.readableBytes());
                frame.release();
            });
        } while (in.isReadable() && in.readerIndex() != before);
    }
}
