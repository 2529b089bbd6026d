package io.stormsocket.core.codec;

/**
 * Shortcuts for the built-in codecs with their defaults.
 *
 * <pre>{@code
 * ServerConfig.builder().codec(FrameCodecs.lengthPrefix()).build();
 * }</pre>
 */
public final class FrameCodecs {
    private FrameCodecs() {
    }

    /**
     * Returns the raw codec: no framing.
     *
     * @return {@link RawCodec#instance()}
     */
    public static RawCodec raw() {
        return RawCodec.instance();
    }

    /**
     * Returns a 4-byte big-endian length-prefix codec with a 1 MiB maximum frame.
     *
     * @return a length-prefix codec with defaults
     */
    public static LengthPrefixCodec lengthPrefix() {
        return LengthPrefixCodec.builder().build();
    }

    /**
     * Returns a {@code "\n"}-delimited codec with a 1 MiB maximum line that strips the delimiter.
     *
     * @return a line codec
     */
    public static DelimiterCodec lines() {
        return DelimiterCodec.builder().build();
    }
}
