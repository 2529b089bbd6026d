package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTest {

    record Ping(long nonce) {
    }

    @Test
    void exposesBytesTextAndLengthOfABufferWithoutConsumingIt() {
        ByteBuf buf = Unpooled.copiedBuffer("h\u00e9llo \u20ac", StandardCharsets.UTF_8);
        Payload payload = Payload.wrap(buf);

        assertThat(payload.isBytes()).isTrue();
        assertThat(payload.length()).isEqualTo(10);
        assertThat(payload.text()).isEqualTo("h\u00e9llo \u20ac");
        assertThat(payload.bytes()).isEqualTo("h\u00e9llo \u20ac".getBytes(StandardCharsets.UTF_8));
        assertThat(payload.text(StandardCharsets.ISO_8859_1)).hasSize(10);
        assertThat(payload.buffer()).isSameAs(buf);
        assertThat(buf.readerIndex()).isZero();
        assertThat(payload).hasToString("Payload[10 bytes]");

        payload.close();
        assertThat(buf.refCnt()).isZero();
        assertThat(payload).hasToString("Payload[released]");
    }

    @Test
    void bytesReturnsAFreshCopy() {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        try (Payload payload = Payload.wrap(buf)) {
            payload.bytes()[0] = 9;

            assertThat(payload.bytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void typedFrameHasNoBufferView() {
        Payload payload = Payload.wrap(new Ping(7));

        assertThat(payload.isBytes()).isFalse();
        assertThatThrownBy(payload::buffer).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Ping.class.getName());
        assertThatThrownBy(payload::length).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(payload::bytes).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(payload::text).isInstanceOf(IllegalStateException.class);
        assertThat(payload.frame(Ping.class)).isEqualTo(new Ping(7));
        assertThat(payload.frame()).isEqualTo(new Ping(7));
        assertThatThrownBy(() -> payload.frame(String.class)).isInstanceOf(ClassCastException.class);
        payload.close();
        payload.close();
    }

    @Test
    void retainGivesAnIndependentReferenceThatOutlivesTheOriginal() {
        ByteBuf buf = Unpooled.copiedBuffer("keep me", StandardCharsets.UTF_8);
        Payload lent = Payload.wrap(buf);

        Payload kept = lent.retain();
        assertThat(buf.refCnt()).isEqualTo(2);
        kept.buffer().skipBytes(5);
        assertThat(lent.text()).as("reader index not shared").isEqualTo("keep me");

        lent.close();
        assertThat(buf.refCnt()).isEqualTo(1);
        assertThat(kept.text()).isEqualTo("me");
        assertThat(kept.length()).isEqualTo(2);

        kept.close();
        assertThat(buf.refCnt()).isZero();
    }

    @Test
    void closeTwiceReleasesOnlyOnce() {
        ByteBuf buf = Unpooled.buffer(4).writeInt(1).retain();
        assertThat(buf.refCnt()).isEqualTo(2);
        Payload payload = Payload.wrap(buf);

        payload.close();
        payload.close();

        assertThat(buf.refCnt()).isEqualTo(1);
        buf.release();
    }

    @Test
    void retainAndCloseHandleReferenceCountedTypedFrames() {
        DefaultByteBufHolder holder = new DefaultByteBufHolder(Unpooled.buffer(1).writeByte(1));
        Payload payload = Payload.wrap(holder);

        Payload kept = payload.retain();
        assertThat(kept.frame()).isSameAs(holder);
        assertThat(holder.refCnt()).isEqualTo(2);
        payload.close();
        payload.close();
        assertThat(holder.refCnt()).isEqualTo(1);
        kept.close();
        assertThat(holder.refCnt()).isZero();
    }

    @Test
    void retainOfAPlainTypedFrameSharesIt() {
        Ping ping = new Ping(1);

        Payload payload = Payload.wrap(ping);

        Payload kept = payload.retain();
        payload.close();

        assertThat(kept.frame()).isSameAs(ping);
        assertThat(kept).hasToString("Payload[Ping[nonce=1]]");
        kept.close();
    }

    @Test
    void wrapRejectsNull() {
        assertThatThrownBy(() -> Payload.wrap(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("frame");
    }
}
