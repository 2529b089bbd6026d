package io.stormsocket.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.stormsocket.core.ProtocolException;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.internal.EmbeddedSessions;
import io.stormsocket.rpc.Request;
import io.stormsocket.rpc.RpcException;
import io.stormsocket.rpc.RpcOptions;
import io.stormsocket.rpc.RpcServer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fuzzes what an RPC peer reaches: {@link EnvelopeCodec} in both forms (length-prefixed for TCP,
 * one envelope per message for WebSocket) and the typed layer behind it, a whole RPC server
 * pipeline on an {@link EmbeddedChannel} with one message and one request type registered.
 *
 * <p>Contract checked per input: decoding yields envelopes no larger than the input or throws
 * {@link ProtocolException}, nothing else; {@code onError} sees only that or an {@link RpcException}
 * for a payload that does not deserialize; only registered classes are ever instantiated (the
 * {@link Forbidden} canary is named by the seeds but never registered); untyped fields hold only
 * JSON's own values; what the server writes back is whole envelopes; nothing leaks.
 *
 * <p>Seeds: {@code src/test/resources/io/stormsocket/rpc/internal/RpcFuzzTestInputs/}.
 */
class RpcFuzzTest {
    private static final int MAX_ENVELOPE = 4096;
    private static final AtomicInteger FORBIDDEN_CREATED = new AtomicInteger();

    /** Registered as a one-way message; {@code extra} is untyped on purpose. */
    record Note(String text, int count, Object extra) {
    }

    /** Registered as a request. */
    record Ask(String question, List<Object> args) implements Request<Answer> {
    }

    /** Registered as the response of {@link Ask}. */
    record Answer(String text) {
    }

    /** Never registered: a peer that names it must not get it built. */
    static final class Forbidden {
        Forbidden() {
            FORBIDDEN_CREATED.incrementAndGet();
        }

        public void setValue(String value) {
            FORBIDDEN_CREATED.incrementAndGet();
        }
    }

    @FuzzTest
    void envelopeCodec(FuzzedDataProvider data) {
        boolean prefixed = data.consumeBoolean();
        EnvelopeCodec codec = new EnvelopeCodec(MAX_ENVELOPE, prefixed);
        byte[] input = data.consumeRemainingAsBytes();
        ByteBuf in = Unpooled.wrappedBuffer(input);
        List<Envelope> envelopes = new ArrayList<>();
        try {
            while (in.isReadable()) {
                int before = envelopes.size();
                codec.decode(in, envelopes::add);
                if (envelopes.size() == before) {
                    break;
                }
            }
        } catch (ProtocolException expected) {
            // the documented failure
        } catch (RuntimeException other) {
            throw new AssertionError("decode threw " + other + ", not a ProtocolException", other);
        } finally {
            in.release();
        }
        long decoded = envelopes.stream()
                .mapToLong(e -> EnvelopeCodec.HEADER_BYTES + e.tag().length() + e.payload().length).sum();
        assertThat(decoded).isLessThanOrEqualTo(input.length);
        assertThat(envelopes).allSatisfy(e -> assertThat(e.payload().length).isLessThanOrEqualTo(MAX_ENVELOPE));
    }

    /** Arbitrary bytes from a TCP peer of an RPC server, in two chunks. */
    @FuzzTest
    void typedServer(byte[] input) {
        RpcOptions options = RpcOptions.builder().maxEnvelopeBytes(MAX_ENVELOPE).build();
        StormServer storm = StormServer.create(ServerConfig.builder().codec(options.codec()).build());
        RpcServer rpc = RpcServer.wrap(storm, options);
        List<Object> received = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        rpc.onMessage(Note.class, (session, note) -> received.add(note));
        rpc.onRequest(Ask.class, (session, ask) -> new Answer("re: " + ask.question()));
        storm.onError((session, error) -> errors.add(error));
        int forbiddenBefore = FORBIDDEN_CREATED.get();

        EmbeddedChannel channel = EmbeddedSessions.accept(storm);
        List<Envelope> replies = new ArrayList<>();
        try {
            int split = input.length / 2;
            write(channel, Unpooled.wrappedBuffer(input, 0, split));
            write(channel, Unpooled.wrappedBuffer(input, split, input.length - split));
            channel.runPendingTasks();
            readReplies(channel, replies);
        } finally {
            channel.finishAndReleaseAll();
        }

        assertThat(FORBIDDEN_CREATED.get()).as("unregistered class instantiated").isEqualTo(forbiddenBefore);
        assertThat(errors).allSatisfy(e -> assertThat(e).isInstanceOfAny(ProtocolException.class, RpcException.class));
        assertThat(received).allSatisfy(m -> {
            assertThat(m).isInstanceOf(Note.class);
            assertJsonValue(((Note) m).extra());
        });
        assertThat(replies).allSatisfy(e -> assertThat(e.kind())
                .isIn(Envelope.Kind.RESPONSE, Envelope.Kind.ERROR, Envelope.Kind.PONG));
    }

    private static void write(EmbeddedChannel channel, ByteBuf bytes) {
        if (channel.isOpen() && bytes.isReadable()) {
            channel.writeInbound(bytes);
        } else {
            bytes.release();
        }
    }

    /** Everything written back must be whole prefixed envelopes. */
    private static void readReplies(EmbeddedChannel channel, List<Envelope> replies) {
        ByteBuf all = Unpooled.buffer();
        try {
            for (Object out; (out = channel.readOutbound()) != null; ) {
                assertThat(out).isInstanceOf(ByteBuf.class);
                ByteBuf buf = (ByteBuf) out;
                all.writeBytes(buf);
                buf.release();
            }
            EnvelopeCodec codec = new EnvelopeCodec(RpcOptions.DEFAULT_MAX_ENVELOPE_BYTES, true);
            while (all.isReadable()) {
                int before = replies.size();
                codec.decode(all, replies::add);
                assertThat(replies.size()).as("a partial envelope written").isGreaterThan(before);
            }
        } finally {
            all.release();
        }
    }

    /** Without polymorphic typing an untyped field holds only what JSON itself describes. */
    private static void assertJsonValue(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof BigInteger || value instanceof Double
                || value instanceof BigDecimal) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(RpcFuzzTest::assertJsonValue);
        } else if (value instanceof List<?> list) {
            list.forEach(RpcFuzzTest::assertJsonValue);
        } else {
            throw new AssertionError("a peer made the serializer build a " + value.getClass().getName());
        }
    }
}
