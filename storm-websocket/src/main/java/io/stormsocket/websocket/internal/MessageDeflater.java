package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.stormsocket.websocket.DeflateOptions;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * Compresses the messages of one session direction for permessage-deflate
 * (<a href="https://www.rfc-editor.org/rfc/rfc7692#section-7.2.1">RFC 7692 §7.2.1</a>): each message is
 * compressed and flushed with a sync flush, and the flush's trailing {@code 00 00 ff ff} is removed.
 *
 * <p>Engines, by window size: with 15 bits the JDK's zlib ({@link Deflater}, raw deflate). With 9 to
 * 14 bits JZlib, because the JDK gives no control over the window. With 8 bits zlib cannot be used
 * as is: since 1.2.9 it refuses a 256-byte window for raw deflate because of a long-standing bug with
 * that size, and compressing with 9 bits would break the agreement. So the JDK's zlib runs with
 * {@link Deflater#HUFFMAN_ONLY}: it emits literals only, no back-references, and such a stream is
 * valid for any window. It still saves space on text through Huffman coding.
 *
 * <p>Threading: not thread-safe; used by one thread at a time (the session's event loop).
 *
 * <p>Resources: from its first non-empty message, holds native or heap zlib state until
 * {@link #close()}. Buffers: see
 * {@link #deflate(ByteBuf, ByteBufAllocator)}.
 *
 * <p>Lifecycle: an exception from {@code deflate} leaves the compressor's stream in an unknown state,
 * which the peer's decompressor shares; the deflater refuses further messages and the caller must
 * fail the connection.
 */
final class MessageDeflater implements AutoCloseable {
    /** The bytes a sync flush ends with: an empty stored block's LEN and NLEN (RFC 7692 §7.2.1). */
    private static final int SYNC_FLUSH_TAIL = 0x0000FFFF;
    private static final int TAIL_LENGTH = 4;
    private static final int MIN_OUTPUT_SPACE = 64;
    private static final int MAX_INITIAL_CAPACITY = 64 * 1024;

    private final int windowBits;
    private final int level;
    /** Made at the first non-empty message: a session that never compresses holds no zlib state. */
    private Engine engine;
    private final boolean noContextTakeover;
    private boolean usedSinceReset;
    private boolean broken;
    private boolean closed;

    /**
     * Creates a deflater.
     *
     * @param windowBits the agreed window for this direction, 8..15
     * @param noContextTakeover whether every message starts from an empty window
     * @param level the compression level, 1..9
     */
    MessageDeflater(int windowBits, boolean noContextTakeover, int level) {
        if (windowBits < DeflateOptions.MIN_WINDOW_BITS || windowBits > DeflateOptions.MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("windowBits must be between 8 and 15: " + windowBits);
        }
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("level must be between 1 and 9: " + level);
        }
        this.noContextTakeover = noContextTakeover;
        this.windowBits = windowBits;
        this.level = level;
    }

    /** {@return whether zlib state is held: only from the first non-empty message until {@link #close()}} */
    boolean holdsZlibState() {
        return engine != null && !closed;
    }

    private Engine engine() {
        if (engine == null) {
            if (windowBits == DeflateOptions.MAX_WINDOW_BITS) {
                engine = new JdkEngine(level, false);
            } else if (windowBits == DeflateOptions.MIN_WINDOW_BITS) {
                engine = new JdkEngine(level, true);
            } else {
                engine = new JzlibEngine(level, windowBits);
            }
        }
        return engine;
    }

    /**
     * Compresses one whole message.
     *
     * <p>Buffers: {@code payload}'s indices and reference count are untouched; the returned buffer is
     * new and owned by the caller. On an exception nothing is left allocated.
     *
     * @param payload the message payload, from its reader index to its writer index
     * @param alloc where the result is allocated
     * @return the compressed payload, without the trailing {@code 00 00 ff ff}; a single {@code 00}
     *     for an empty message (RFC 7692 §7.2.3.6)
     * @throws IllegalStateException if the deflater is closed or an earlier message failed
     */
    ByteBuf deflate(ByteBuf payload, ByteBufAllocator alloc) {
        if (closed || broken) {
            throw new IllegalStateException(closed ? "deflater is closed" : "deflater failed earlier");
        }
        int length = payload.readableBytes();
        if (length == 0) {
            // An empty stored block's header byte; the receiver appends LEN/NLEN. It adds nothing to the
            // window, so the compressor need not see it (and zlib would refuse a second empty flush).
            return alloc.buffer(1).writeByte(0);
        }
        Engine engine = engine();
        if (noContextTakeover && usedSinceReset) {
            engine.reset();
        }
        usedSinceReset = true;
        int initial = Math.min(MAX_INITIAL_CAPACITY, length / 2 + MIN_OUTPUT_SPACE);
        ByteBuf out = engine.needsHeapOutput() ? alloc.heapBuffer(initial) : alloc.buffer(initial);
        boolean done = false;
        try {
            engine.compress(payload, out);
            int end = out.writerIndex();
            if (end - out.readerIndex() < TAIL_LENGTH || out.getInt(end - TAIL_LENGTH) != SYNC_FLUSH_TAIL) {
                throw new IllegalStateException("sync flush did not end with 00 00 ff ff");
            }
            out.writerIndex(end - TAIL_LENGTH);
            done = true;
            return out;
        } finally {
            if (!done) {
                broken = true;
                out.release();
            }
        }
    }

    /** Frees the compressor's memory. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (engine != null) {
                engine.end();
            }
        }
    }

    /** One zlib implementation. */
    private interface Engine {
        /** {@return whether {@code compress} needs an output buffer with a backing array} */
        boolean needsHeapOutput();

        /** Compresses all readable bytes of {@code in}, ending with a sync flush, appending to {@code out}. */
        void compress(ByteBuf in, ByteBuf out);

        /** Starts a new stream with an empty window. */
        void reset();

        /** Frees native memory. */
        void end();
    }

    /** The JDK's zlib: 32 KiB window, or literals only. Works on NIO buffers, heap or direct. */
    private static final class JdkEngine implements Engine {
        private static final byte[] NO_INPUT = new byte[0];
        private final Deflater deflater;

        JdkEngine(int level, boolean huffmanOnly) {
            deflater = new Deflater(level, true);
            if (huffmanOnly) {
                deflater.setStrategy(Deflater.HUFFMAN_ONLY);
                // The JDK applies a new strategy during the next deflate call, and that call then does
                // not flush. Apply it now, on the empty stream, where it produces no output; resets keep it.
                deflater.deflate(new byte[MIN_OUTPUT_SPACE], 0, MIN_OUTPUT_SPACE, Deflater.NO_FLUSH);
            }
        }

        @Override
        public boolean needsHeapOutput() {
            return false;
        }

        @Override
        public void compress(ByteBuf in, ByteBuf out) {
            ByteBuffer[] parts = in.nioBuffers(in.readerIndex(), in.readableBytes());
            try {
                for (int i = 0; i < parts.length; i++) {
                    deflater.setInput(parts[i]);
                    if (i < parts.length - 1) {
                        while (!deflater.needsInput()) {
                            write(out, Deflater.NO_FLUSH);
                        }
                    } else {
                        // With SYNC_FLUSH, a full output buffer means more may be pending (Deflater#deflate).
                        while (write(out, Deflater.SYNC_FLUSH)) {
                            // more output pending
                        }
                    }
                }
            } finally {
                deflater.setInput(NO_INPUT); // drop the reference to the caller's memory
            }
        }

        /** Deflates into the free space of {@code out}; {@return whether that space was filled} */
        private boolean write(ByteBuf out, int flush) {
            out.ensureWritable(Math.max(MIN_OUTPUT_SPACE, out.writerIndex() >> 1));
            int space = out.writableBytes();
            ByteBuffer dst = out.internalNioBuffer(out.writerIndex(), space);
            int written = deflater.deflate(dst, flush);
            out.writerIndex(out.writerIndex() + written);
            return written == space;
        }

        @Override
        public void reset() {
            deflater.reset();
        }

        @Override
        public void end() {
            deflater.end();
        }
    }

    /** JZlib, for windows of 9..14 bits. Works on arrays. */
    private static final class JzlibEngine implements Engine {
        private static final byte[] NOTHING = new byte[0];
        private final int level;
        private final int windowBits;
        private com.jcraft.jzlib.Deflater z;

        JzlibEngine(int level, int windowBits) {
            this.level = level;
            this.windowBits = windowBits;
            this.z = newStream();
        }

        private com.jcraft.jzlib.Deflater newStream() {
            com.jcraft.jzlib.Deflater d = new com.jcraft.jzlib.Deflater();
            int rc = d.init(level, windowBits, true);
            if (rc != com.jcraft.jzlib.JZlib.Z_OK) {
                throw new IllegalStateException("jzlib deflateInit failed (" + rc + ") for " + windowBits + " bits");
            }
            return d;
        }

        @Override
        public boolean needsHeapOutput() {
            return true;
        }

        @Override
        public void compress(ByteBuf in, ByteBuf out) {
            int length = in.readableBytes();
            byte[] input;
            int offset;
            if (in.hasArray()) {
                input = in.array();
                offset = in.arrayOffset() + in.readerIndex();
            } else {
                input = ByteBufUtil.getBytes(in, in.readerIndex(), length);
                offset = 0;
            }
            z.setInput(input, offset, length, false);
            try {
                while (true) {
                    out.ensureWritable(Math.max(MIN_OUTPUT_SPACE, out.writerIndex() >> 1));
                    int space = out.writableBytes();
                    z.setOutput(out.array(), out.arrayOffset() + out.writerIndex(), space);
                    int rc = z.deflate(com.jcraft.jzlib.JZlib.Z_SYNC_FLUSH);
                    if (rc != com.jcraft.jzlib.JZlib.Z_OK && rc != com.jcraft.jzlib.JZlib.Z_BUF_ERROR) {
                        throw new IllegalStateException("jzlib deflate failed (" + rc + "): " + z.getMessage());
                    }
                    out.writerIndex(out.writerIndex() + space - z.getAvailOut());
                    // As with zlib: free output space left after a flush means the flush is complete.
                    if (z.getAvailOut() > 0) {
                        return;
                    }
                }
            } finally {
                z.setInput(NOTHING, 0, 0, false);
                z.setOutput(NOTHING, 0, 0);
            }
        }

        @Override
        public void reset() {
            // JZlib has no public deflateReset; a fresh stream costs one window allocation.
            z.end();
            z = newStream();
        }

        @Override
        public void end() {
            z.end();
        }
    }
}
