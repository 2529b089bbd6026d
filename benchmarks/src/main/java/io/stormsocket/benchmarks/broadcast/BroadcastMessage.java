package io.stormsocket.benchmarks.broadcast;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The payload of a broadcast: {@code long sequence}, {@code long publishNanos},
 * {@code byte measured}, then zero padding up to the payload size. On the wire each payload has
 * Storm's 4-byte big-endian length prefix. The last message, after the run, has sequence
 * {@link #END} and carries the number of messages published in place of the timestamp, so
 * that every subscriber can tell it missed none at the end.
 *
 * <p>Timestamps are {@link System#nanoTime()} of the publishing JVM and are compared with the
 * subscriber JVM's: on Linux both read the same system-wide monotonic clock (CLOCK_MONOTONIC),
 * so the two processes must run on the same host, as the command arranges.
 */
final class BroadcastMessage {
    /** Sequence number, timestamp and flag. */
    static final int HEADER_BYTES = 17;
    /** The sequence number of the end marker. */
    static final long END = -1;
    static final int SEQUENCE_OFFSET = 0;
    static final int TIMESTAMP_OFFSET = 8;
    static final int MEASURED_OFFSET = 16;

    private BroadcastMessage() {
    }

    /** Allocates one payload; the caller owns it. */
    static ByteBuf payload(ByteBufAllocator alloc, int size, long sequence, long timestamp, boolean measured) {
        return write(alloc.buffer(size), size, sequence, timestamp, measured);
    }

    /** Allocates one payload with its 4-byte length prefix, ready for the wire; the caller owns it. */
    static ByteBuf framed(ByteBufAllocator alloc, int size, long sequence, long timestamp, boolean measured) {
        return write(alloc.buffer(4 + size).writeInt(size), size, sequence, timestamp, measured);
    }

    private static ByteBuf write(ByteBuf out, int size, long sequence, long timestamp, boolean measured) {
        return out.writeLong(sequence).writeLong(timestamp).writeByte(measured ? 1 : 0).writeZero(size - HEADER_BYTES);
    }
}
