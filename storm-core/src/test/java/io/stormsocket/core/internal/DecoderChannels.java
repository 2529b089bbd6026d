package io.stormsocket.core.internal;

import io.netty.channel.embedded.EmbeddedChannel;
import io.stormsocket.core.codec.FrameCodec;

/**
 * Test access to Storm's package-private {@link FrameDecoderHandler}: an {@link EmbeddedChannel}
 * that decodes inbound bytes with a codec exactly as a session's pipeline does.
 */
public final class DecoderChannels {
    private DecoderChannels() {
    }

    /**
     * Creates a channel whose only handler adapts {@code codec}; the codec instance is used as
     * given (call {@link FrameCodec#newSessionCodec()} first to mimic a new session).
     *
     * @param codec the codec under test
     * @return the channel; finish it with {@code finishAndReleaseAll()}
     */
    public static EmbeddedChannel decoding(FrameCodec<?> codec) {
        return new EmbeddedChannel(new FrameDecoderHandler(codec, bytes -> { }));
    }
}
