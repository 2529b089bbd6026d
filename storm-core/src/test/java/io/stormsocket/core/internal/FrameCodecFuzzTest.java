package io.stormsocket.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.ProtocolException;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.DelimiterCodec;
import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.core.codec.LengthPrefixCodec;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fuzzes the built-in byte codecs a peer reaches: {@link LengthPrefixCodec} (every header width)
 * and {@link DelimiterCodec}, fed in arbitrary chunks, and the PROXY protocol header stage. Each input runs twice, through
 * {@link FrameCodec#decode} driven the way Netty's cumulating decoder drives it and through a whole
 * server pipeline on an {@link EmbeddedChannel}; both must agree with a few-line reference model:
 * exactly the frames the model cuts, each within the limit, then either nothing more or a
 * {@link ProtocolException} that closes the session with {@link CloseReason#PROTOCOL_ERROR}.
 *
 * <p>Seeds: {@code src/test/resources/io/stormsocket/core/internal/FrameCodecFuzzTestInputs/}.
 * See FUZZING.md for running these as fuzzers.
 */
class FrameCodecFuzzTest {
    private static final int[] WIDTHS = {1, 2, 4, 8};

    /** Layout: the input's last bytes choose width, limit and chunk sizes; its first bytes are the stream. */
    @FuzzTest
    void lengthPrefix(FuzzedDataProvider data) {
        int width = WIDTHS[data.consumeInt(0, WIDTHS.length - 1)];
        int max = data.consumeInt(1, 300);
        LengthPrefixCodec codec = LengthPrefixCodec.builder().lengthFieldBytes(width).maxFrameLength(max).build();
        List<byte[]> chunks = chunks(data);
        Expected expected = lengthPrefixModel(concat(chunks), width, max);
        check(codec, chunks, expected, max);
    }

    @FuzzTest
    void delimiter(FuzzedDataProvider data) {
        byte[] delimiter = data.consumeBytes(data.consumeInt(1, 3));
        if (delimiter.length == 0) {
            delimiter = new byte[] {'\n'};
        }
        boolean strip = data.consumeBoolean();
        int max = data.consumeInt(1, 300);
        DelimiterCodec codec = DelimiterCodec.builder().delimiter(delimiter).stripDelimiter(strip).maxFrameLength(max).build();
        List<byte[]> chunks = chunks(data);
        Expected expected = delimiterModel(concat(chunks), delimiter, strip, max);
        check(codec, chunks, expected, max + (strip ? 0 : delimiter.length));
    }

    /** What a correct codec cuts from the whole stream, and whether the stream must fail. */
    private record Expected(List<byte[]> frames, boolean fails) {
    }

    private static Expected lengthPrefixModel(byte[] stream, int width, int max) {
        List<byte[]> frames = new ArrayList<>();
        int at = 0;
        while (stream.length - at >= width) {
            long length = 0;
            for (int i = 0; i < width; i++) {
                length = length << 8 | (stream[at + i] & 0xFF);
            }
            if (length < 0 || length > max) {
                return new Expected(frames, true);
            }
            if (stream.length - at - width < length) {
                break;
            }
            frames.add(Arrays.copyOfRange(stream, at + width, at + width + (int) length));
            at += width + (int) length;
        }
        return new Expected(frames, false);
    }

    private static Expected delimiterModel(byte[] stream, byte[] delimiter, boolean strip, int max) {
        List<byte[]> frames = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            int found = -1;
            for (int i = at; i + delimiter.length <= stream.length && found < 0; i++) {
                if (Arrays.equals(stream, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                    found = i;
                }
            }
            if (found < 0) {
                return new Expected(frames, stream.length - at > max + delimiter.length - 1);
            }
            if (found - at > max) {
                return new Expected(frames, true);
            }
            frames.add(Arrays.copyOfRange(stream, at, strip ? found : found + delimiter.length));
            at = found + delimiter.length;
        }
        return new Expected(frames, false);
    }

    /**
     * Arbitrary bytes where a PROXY protocol header (v1 or v2) must come first, then lines, in two
     * chunks. Contract: nothing escapes the pipeline; the only error reported is a
     * {@link ProtocolException}, after which the connection is closed; a connection opens only after
     * a header with a PROXY signature; no references are left (PARANOID leak detector).
     */
    @FuzzTest
    void proxyHeader(byte[] input) {
        StormServer server = StormServer.create(ServerConfig.builder().proxyProtocol(true)
                .codec(io.stormsocket.core.codec.FrameCodecs.lines()).build());
        List<Throwable> errors = new ArrayList<>();
        List<String> remotes = new ArrayList<>();
        server.onError((session, error) -> errors.add(error));
        server.onConnected(session -> remotes.add(String.valueOf(session.remoteAddress())));
        server.onDataReceived((session, data) -> session.send(data));
        EmbeddedChannel channel = EmbeddedSessions.accept(server);
        try {
            int split = input.length / 2;
            for (byte[] chunk : new byte[][] {Arrays.copyOfRange(input, 0, split), Arrays.copyOfRange(input, split, input.length)}) {
                if (channel.isOpen() && chunk.length > 0) {
                    channel.writeInbound(Unpooled.wrappedBuffer(chunk));
                }
            }
            channel.runPendingTasks();
            assertThat(errors).allSatisfy(e -> assertThat(e).isInstanceOf(ProtocolException.class));
            if (!errors.isEmpty()) {
                assertThat(channel.isOpen()).as("open after a bad header").isFalse();
            }
            if (!remotes.isEmpty()) {
                assertThat(startsWithProxySignature(input)).as("opened without a PROXY header").isTrue();
            }
            for (Object out; (out = channel.readOutbound()) != null; ) {
                io.netty.util.ReferenceCountUtil.release(out);
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static final byte[] PROXY_V1 = "PROXY ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] PROXY_V2 = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private static boolean startsWithProxySignature(byte[] input) {
        return startsWith(input, PROXY_V1) || startsWith(input, PROXY_V2);
    }

    private static boolean startsWith(byte[] input, byte[] prefix) {
        return input.length >= prefix.length && Arrays.equals(input, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static void check(FrameCodec<ByteBuf> configured, List<byte[]> chunks, Expected expected, int maxFrameBytes) {
        int inputBytes = chunks.stream().mapToInt(c -> c.length).sum();
        DirectRun direct = decodeDirectly(configured.newSessionCodec(), chunks);
        assertFrames(direct.frames, expected, inputBytes, maxFrameBytes);
        assertThat(direct.failed).as("direct decode failed").isEqualTo(expected.fails());

        PipelineRun pipeline = decodeInPipeline(configured, chunks);
        assertFrames(pipeline.frames, expected, inputBytes, maxFrameBytes);
        if (expected.fails()) {
            assertThat(pipeline.errors).singleElement().isInstanceOf(ProtocolException.class);
            assertThat(pipeline.reasons).containsExactly(CloseReason.PROTOCOL_ERROR);
        } else {
            assertThat(pipeline.errors).isEmpty();
            assertThat(pipeline.reasons).containsExactly(CloseReason.REMOTE_CLOSE);
        }
    }

    private static void assertFrames(List<byte[]> frames, Expected expected, int inputBytes, int maxFrameBytes) {
        assertThat(frames.stream().mapToInt(f -> f.length).sum()).isLessThanOrEqualTo(inputBytes);
        assertThat(frames).allSatisfy(f -> assertThat(f.length).isLessThanOrEqualTo(maxFrameBytes));
        assertThat(frames).containsExactlyElementsOf(expected.frames());
    }

    private record DirectRun(List<byte[]> frames, boolean failed) {
    }

    /** Calls decode as {@code ByteToMessageDecoder} does: again while it makes progress, again per chunk. */
    private static DirectRun decodeDirectly(FrameCodec<ByteBuf> codec, List<byte[]> chunks) {
        List<byte[]> frames = new ArrayList<>();
        ByteBuf cumulation = Unpooled.buffer();
        // Frames are retained slices of the cumulation: copy and release each at once, as a
        // session does after its handlers, before the cumulation may move its bytes.
        Consumer<ByteBuf> sink = frame -> {
            try {
                byte[] bytes = new byte[frame.readableBytes()];
                frame.getBytes(frame.readerIndex(), bytes);
                frames.add(bytes);
            } finally {
                frame.release();
            }
        };
        try {
            for (byte[] chunk : chunks) {
                cumulation.writeBytes(chunk);
                while (cumulation.isReadable()) {
                    int readerIndex = cumulation.readerIndex();
                    int before = frames.size();
                    codec.decode(cumulation, sink);
                    assertThat(frames.size() - before).as("frames per decode call").isLessThanOrEqualTo(1);
                    if (frames.size() == before) {
                        assertThat(cumulation.readerIndex()).as("bytes consumed without a frame").isEqualTo(readerIndex);
                        break;
                    }
                }
                cumulation.discardReadBytes();
            }
            return new DirectRun(frames, false);
        } catch (ProtocolException expected) {
            return new DirectRun(frames, true);
        } catch (Exception other) {
            throw new AssertionError("decode threw " + other + ", not a ProtocolException", other);
        } finally {
            cumulation.release();
            assertThat(cumulation.refCnt()).as("references left on the input").isZero();
        }
    }

    private record PipelineRun(List<byte[]> frames, List<Throwable> errors, List<CloseReason> reasons) {
    }

    private static PipelineRun decodeInPipeline(FrameCodec<ByteBuf> codec, List<byte[]> chunks) {
        StormServer server = StormServer.create(ServerConfig.builder().codec(codec).build());
        PipelineRun run = new PipelineRun(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        server.onDataReceived((session, data) -> run.frames.add(data.bytes()));
        server.onError((session, error) -> run.errors.add(error));
        server.onDisconnected((session, reason) -> run.reasons.add(reason));
        EmbeddedChannel channel = EmbeddedSessions.accept(server);
        try {
            for (byte[] chunk : chunks) {
                if (!channel.isOpen()) {
                    break;
                }
                channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            }
            channel.runPendingTasks();
            channel.close();
            channel.runPendingTasks();
        } finally {
            channel.finishAndReleaseAll();
        }
        return run;
    }

    /** Splits what remains of the input into chunks of fuzzer-chosen sizes. */
    static List<byte[]> chunks(FuzzedDataProvider data) {
        List<byte[]> chunks = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 64));
            if (chunk.length > 0) {
                chunks.add(chunk);
            }
        }
        return chunks;
    }

    private static byte[] concat(List<byte[]> chunks) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        return all.toByteArray();
    }
}
