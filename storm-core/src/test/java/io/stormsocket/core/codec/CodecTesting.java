package io.stormsocket.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.stormsocket.core.FrameTooLongException;
import java.nio.charset.StandardCharsets;

/** Helpers shared by the codec tests; every buffer they read is released before they return. */
final class CodecTesting {
    private CodecTesting() {
    }

    /** Unpooled bytes of UTF-8 text, for {@code writeInbound}. */
    static ByteBuf utf8(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    /** Reads the next decoded frame, which must exist, copies it and releases it. */
    static byte[] readFrame(EmbeddedChannel channel) {
        ByteBuf frame = channel.readInbound();
        assertThat(frame).as("next decoded frame").isNotNull();
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    /** Reads the next decoded frame as UTF-8 text and releases it. */
    static String readText(EmbeddedChannel channel) {
        return new String(readFrame(channel), StandardCharsets.UTF_8);
    }

    /** Copies an encoded buffer and releases it. */
    static byte[] drain(ByteBuf encoded) {
        try {
            return ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
        }
    }

    /**
     * Writes {@code in} and expects the decoder to reject it: Netty wraps the codec's exception in a
     * {@link DecoderException} when it comes back through {@code writeInbound}.
     */
    static FrameTooLongException rejection(EmbeddedChannel channel, ByteBuf in) {
        Throwable thrown = catchThrowable(() -> channel.writeInbound(in));
        assertThat(thrown).as("writeInbound failure").isInstanceOf(DecoderException.class);
        assertThat(thrown.getCause()).isInstanceOf(FrameTooLongException.class);
        return (FrameTooLongException) thrown.getCause();
    }
}
