package io.stormsocket.benchmarks.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.rpc.RpcOptions;
import io.stormsocket.rpc.internal.Envelope;
import java.util.ArrayList;
import java.util.List;
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
 * Encode and decode of the RPC envelope, in both forms: length-prefixed for TCP and one envelope
 * per message for WebSocket. A decoded envelope owns a copy of its payload (the serializer reads
 * it later), so decoding allocates per envelope by design.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
public class RpcEnvelopeBenchmark extends BenchmarkBase {
    /** Created by JMH, once per fork and state scope. */
    public RpcEnvelopeBenchmark() {
    }

    /** Serialized payload size in bytes. */
    @Param({"32", "1024"})
    public int size;

    /** {@code true} for the TCP form (with the length prefix), {@code false} for one per message. */
    @Param({"true", "false"})
    public boolean prefixed;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private FrameCodec<Object> codec;
    private Object envelope;
    private ByteBuf wire;
    private final List<Object> decoded = new ArrayList<>(1);

    /**
     * Encodes one envelope to decode again and again.
     *
     * @throws Exception never in practice
     */
    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws Exception {
        RpcOptions options = RpcOptions.defaults();
        codec = (FrameCodec<Object>) (prefixed ? options.codec() : options.messageCodec());
        envelope = new Envelope(Envelope.Kind.REQUEST, 42, "io.stormsocket.benchmarks.WeatherRequest", new byte[size]);
        wire = codec.encode(envelope, alloc);
    }

    /** Releases the wire buffer. */
    @TearDown(Level.Trial)
    public void tearDown() {
        wire.release();
    }

    /**
     * Encodes one envelope into a pooled buffer and releases it.
     *
     * @return the encoded length
     * @throws Exception never in practice
     */
    @Benchmark
    public int encode() throws Exception {
        ByteBuf out = codec.encode(envelope, alloc);
        int length = out.readableBytes();
        out.release();
        return length;
    }

    /**
     * Decodes the envelope from the same bytes.
     *
     * @return the decoded envelope
     * @throws Exception never in practice
     */
    @Benchmark
    public Object decode() throws Exception {
        decoded.clear();
        ByteBuf in = wire.duplicate();
        codec.decode(in, decoded::add);
        return decoded.get(0);
    }
}
