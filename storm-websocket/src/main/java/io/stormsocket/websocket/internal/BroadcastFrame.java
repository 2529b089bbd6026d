package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufHolder;
import io.netty.util.AbstractReferenceCounted;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server broadcast, encoded once for all recipients: the plain frame (its content), and the
 * compressed frame per window size, made the first time a recipient that negotiated
 * {@code server_no_context_takeover} needs it — such recipients all compress each message from a
 * fresh state, so one compressed frame suits them all. Recipients whose compressor keeps context
 * from message to message get the plain frame, which RFC 7692 allows on any connection.
 *
 * <p>Threading: shared by the recipients' event loops; the compressed variants are made under the
 * map's lock. Resources: one holder for all recipients, retained once per recipient; the last
 * release frees the payload and every variant. The holder counts its own references: the
 * duplicates written to recipients hold the frame, not the holder, so the holder is released
 * exactly once per recipient and its end never depends on when a transport finishes a write.
 * It is shared, never duplicated or copied.
 */
final class BroadcastFrame extends AbstractReferenceCounted implements ByteBufHolder {
    private final ByteBuf frame;
    private final int opcode;
    private final ByteBuf payload;
    private final int level;
    private final Map<Integer, ByteBuf> compressed = new ConcurrentHashMap<>();

    /**
     * Creates the broadcast.
     *
     * @param frame the plain (uncompressed, unmasked) frame
     * @param opcode the message's opcode
     * @param payload the message's payload, owned from now on
     * @param level the compression level
     */
    BroadcastFrame(ByteBuf frame, int opcode, ByteBuf payload, int level) {
        this.frame = frame;
        this.opcode = opcode;
        this.payload = payload;
        this.level = level;
    }

    int payloadLength() {
        return payload.readableBytes();
    }

    /** {@return the compressed frame for a window size, made on first use; owned by this holder} */
    ByteBuf compressedFrame(int windowBits, ByteBufAllocator alloc) {
        return compressed.computeIfAbsent(windowBits, bits -> {
            try (MessageDeflater deflater = new MessageDeflater(bits, true, level)) {
                ByteBuf body = deflater.deflate(payload, alloc);
                try {
                    return FrameEncoder.encode(alloc, opcode, true, body, null);
                } finally {
                    body.release();
                }
            }
        });
    }

    /** {@return the plain frame; write a duplicate of it} */
    @Override
    public ByteBuf content() {
        return frame;
    }

    @Override
    protected void deallocate() {
        frame.release();
        payload.release();
        compressed.values().forEach(ByteBuf::release);
        compressed.clear();
    }

    @Override
    public ByteBufHolder copy() {
        throw shared();
    }

    @Override
    public ByteBufHolder duplicate() {
        throw shared();
    }

    @Override
    public ByteBufHolder retainedDuplicate() {
        throw shared();
    }

    @Override
    public ByteBufHolder replace(ByteBuf content) {
        throw shared();
    }

    private static UnsupportedOperationException shared() {
        return new UnsupportedOperationException("a broadcast frame is shared by its recipients, never duplicated");
    }

    @Override
    public BroadcastFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public BroadcastFrame retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public BroadcastFrame touch() {
        return this;
    }

    @Override
    public BroadcastFrame touch(Object hint) {
        frame.touch(hint);
        return this;
    }
}
