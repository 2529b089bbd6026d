package io.stormsocket.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** A broadcast is compressed once per window size, whatever the number of recipients. */
class BroadcastFrameTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    @Test
    void compressesOncePerWindowAndFreesEverythingWithTheLastRecipient() throws Exception {
        byte[] text = "hello everyone, hello everyone, hello everyone".getBytes(StandardCharsets.UTF_8);
        ByteBuf payload = Unpooled.copiedBuffer(text);
        BroadcastFrame broadcast = new BroadcastFrame(FrameEncoder.encode(ALLOC, Opcodes.TEXT, false, payload, null),
                Opcodes.TEXT, payload, 6);
        broadcast.retain(2);

        ByteBuf first = broadcast.compressedFrame(15, ALLOC);
        assertThat(broadcast.compressedFrame(15, ALLOC)).isSameAs(first);
        assertThat(broadcast.compressedFrame(10, ALLOC)).isNotSameAs(first);

        // RSV1 set, unmasked, and the body inflates back to the text.
        assertThat(first.getByte(0) & 0xFF).isEqualTo(0x80 | 0x40 | Opcodes.TEXT);
        int length = first.getByte(1) & 0x7F;
        byte[] body = new byte[length + 4];
        first.getBytes(2, body, 0, length);
        body[length + 2] = (byte) 0xFF;
        body[length + 3] = (byte) 0xFF;
        Inflater inflater = new Inflater(true);
        inflater.setInput(body);
        byte[] out = new byte[text.length];
        assertThat(inflater.inflate(out)).isEqualTo(text.length);
        inflater.end();
        assertThat(out).isEqualTo(text);

        assertThat(broadcast.release()).isFalse();
        assertThat(broadcast.release()).isFalse();
        assertThat(broadcast.release()).isTrue();
        assertThat(payload.refCnt()).isZero();
        assertThat(first.refCnt()).isZero();
    }
}
