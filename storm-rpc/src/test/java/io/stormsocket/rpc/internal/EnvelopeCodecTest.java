package io.stormsocket.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.stormsocket.core.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {
    private final EnvelopeCodec codec = new EnvelopeCodec(1024, true);

    private List<Envelope> decode(ByteBuf in) {
        List<Envelope> out = new ArrayList<>();
        try {
            codec.decode(in, out::add);
            return out;
        } finally {
            in.release();
        }
    }

    private static ByteBuf raw(int version, int kind, long id, String tag, byte[] payload) {
        byte[] t = tag.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeInt(EnvelopeCodec.HEADER_BYTES + t.length + payload.length).writeByte(version)
                .writeByte(kind).writeLong(id).writeShort(t.length).writeBytes(t).writeBytes(payload);
    }

    @Test
    void envelopeRoundTripsWithTheDocumentedLayout() {
        Envelope sent = new Envelope(Envelope.Kind.REQUEST, 42, "a.B", new byte[] {1, 2, 3});
        ByteBuf encoded = codec.encode(sent, ByteBufAllocator.DEFAULT);
        assertThat(encoded.getInt(0)).isEqualTo(12 + 3 + 3);
        assertThat(encoded.getByte(4)).isEqualTo((byte) 1);
        assertThat(encoded.getByte(5)).isEqualTo((byte) 2);
        assertThat(encoded.getLong(6)).isEqualTo(42);
        assertThat(encoded.getShort(14)).isEqualTo((short) 3);

        Envelope received = decode(encoded).get(0);

        assertThat(received.kind()).isEqualTo(Envelope.Kind.REQUEST);
        assertThat(received.id()).isEqualTo(42);
        assertThat(received.tag()).isEqualTo("a.B");
        assertThat(received.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void messageFormCarriesOneEnvelopeWithoutTheLengthPrefix() {
        EnvelopeCodec perMessage = new EnvelopeCodec(1024, false);
        Envelope sent = new Envelope(Envelope.Kind.RESPONSE, 7, "a.B", new byte[] {4, 5});
        ByteBuf encoded = perMessage.encode(sent, ByteBufAllocator.DEFAULT);
        assertThat(encoded.readableBytes()).isEqualTo(12 + 3 + 2);
        assertThat(encoded.getByte(0)).isEqualTo((byte) 1);
        List<Envelope> out = new ArrayList<>();
        try {
            perMessage.decode(encoded, out::add);
            assertThat(encoded.isReadable()).isFalse();
        } finally {
            encoded.release();
        }
        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(7);
            assertThat(e.payload()).containsExactly(4, 5);
        });
        ByteBuf tooBig = Unpooled.buffer().writeZero(2000);
        try {
            assertThatThrownBy(() -> perMessage.decode(tooBig, out::add)).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("exceeds the limit");
        } finally {
            tooBig.release();
        }
    }

    @Test
    void partialEnvelopeWaitsForMoreBytes() {
        ByteBuf whole = codec.encode(Envelope.control(Envelope.Kind.PING, 0), ByteBufAllocator.DEFAULT);
        ByteBuf part = whole.readRetainedSlice(10);
        assertThat(decode(part)).isEmpty();
        whole.release();
    }

    @Test
    void everyKindHasItsCode() {
        for (Envelope.Kind kind : Envelope.Kind.values()) {
            assertThat(decode(raw(1, kind.code(), 7, "", new byte[0])).get(0).kind()).isEqualTo(kind);
        }
    }

    @Test
    void badVersionIsAProtocolError() {
        assertThatThrownBy(() -> decode(raw(2, 1, 0, "t", new byte[0])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("version 2");
    }

    @Test
    void unknownKindIsAProtocolError() {
        assertThatThrownBy(() -> decode(raw(1, 9, 0, "t", new byte[0])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("kind 9");
        assertThatThrownBy(() -> decode(raw(1, 0, 0, "t", new byte[0])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("kind 0");
    }

    @Test
    void truncatedEnvelopeIsAProtocolError() {
        ByteBuf tooShort = Unpooled.buffer().writeInt(3).writeByte(1).writeByte(1).writeByte(0);
        assertThatThrownBy(() -> decode(tooShort)).isInstanceOf(ProtocolException.class).hasMessageContaining("truncated");
    }

    @Test
    void tagLongerThanTheEnvelopeIsAProtocolError() {
        ByteBuf lying = Unpooled.buffer().writeInt(EnvelopeCodec.HEADER_BYTES).writeByte(1).writeByte(1).writeLong(0)
                .writeShort(100);
        assertThatThrownBy(() -> decode(lying)).isInstanceOf(ProtocolException.class).hasMessageContaining("tag length");
    }

    @Test
    void oversizedEnvelopeIsRefusedBeforeItsBytesArrive() {
        ByteBuf huge = Unpooled.buffer().writeInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> decode(huge)).isInstanceOf(ProtocolException.class).hasMessageContaining("exceeds");
    }

    @Test
    void oversizedOutgoingEnvelopeIsRefused() {
        assertThatThrownBy(() -> codec.encode(new Envelope(Envelope.Kind.MESSAGE, 0, "t", new byte[2000]),
                ByteBufAllocator.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
    }
}
