package io.stormsocket.core;

/** Which idle timeout elapsed; see {@link IdleTimeouts}. */
public enum IdleKind {
    /** Nothing received for the reader timeout. */
    READER,
    /** Nothing written for the writer timeout. */
    WRITER,
    /** Nothing received or written for the all timeout. */
    ALL
}
