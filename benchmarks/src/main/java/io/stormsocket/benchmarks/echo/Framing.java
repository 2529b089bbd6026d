package io.stormsocket.benchmarks.echo;

import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.core.codec.FrameCodecs;
import java.util.Locale;

/**
 * How echo messages are delimited on the wire. The client sends payloads of one fixed size, so
 * every framing gives fixed-size wire messages: {@code header + size + trailer} bytes.
 */
public enum Framing {
    /** A 4-byte big-endian length prefix, Storm's default length-prefix codec. */
    LENGTH(4, 0),
    /** Lines ending with {@code \n}; payloads never contain a newline. */
    LINE(0, 1),
    /** No framing: the server echoes bytes as they come; the client counts {@code size}-byte messages. */
    RAW(0, 0);

    private final int headerBytes;
    private final int trailerBytes;

    Framing(int headerBytes, int trailerBytes) {
        this.headerBytes = headerBytes;
        this.trailerBytes = trailerBytes;
    }

    /**
     * Returns the framing bytes before each payload.
     *
     * @return header length in bytes
     */
    public int headerBytes() {
        return headerBytes;
    }

    /**
     * Returns the framing bytes after each payload.
     *
     * @return trailer length in bytes
     */
    public int trailerBytes() {
        return trailerBytes;
    }

    /**
     * Returns the Storm codec with this framing.
     *
     * @return a built-in Storm codec
     */
    public FrameCodec<?> stormCodec() {
        return switch (this) {
            case LENGTH -> FrameCodecs.lengthPrefix();
            case LINE -> FrameCodecs.lines();
            case RAW -> FrameCodecs.raw();
        };
    }

    /**
     * Parses a command-line name: {@code length}, {@code line} or {@code raw}.
     *
     * @param name the name
     * @return the framing
     */
    public static Framing parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
