package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses the messages of one session direction for permessage-deflate
 * (<a href="https://www.rfc-editor.org/rfc/rfc7692#section-7.2.2">RFC 7692 §7.2.2</a>): the compressed
 * payload, then {@code 00 00 ff ff}, through one raw DEFLATE stream that keeps its window across
 * messages.
 *
 * <p>One 32 KiB window decodes every agreed window size, and keeping it is right whether or not the
 * peer takes its context over: a peer that resets simply never refers back to it. A peer that ends a
 * message with a final block (BFINAL, §7.2.3.4) ends its stream; the rest of that message is ignored
 * and the next message starts a new stream.
 *
 * <p>Streaming, for limits: output is handed out in pieces of at most {@value #MAX_PIECE} bytes as it
 * appears, so the caller can validate (UTF-8) and forward early, and the inflater stops one byte after
 * {@code maxMessageBytes} of output, whatever the input's expansion ratio.
 *
 * <p>Threading: not thread-safe; used by one thread at a time (the session's event loop).
 *
 * <p>Lifecycle: after an exception from {@code inflate} the stream is unusable; the caller fails the
 * connection and calls {@link #close()}, which frees the native zlib state.
 */
final class MessageInflater implements AutoCloseable {
    /** Largest piece of output handed to the consumer at once: 64 KiB. */
    static final int MAX_PIECE = 64 * 1024;
    private static final int MIN_PIECE = 256;
    private static final byte[] SYNC_FLUSH_TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final byte[] NO_INPUT = new byte[0];

    private final long maxMessageBytes;
    /** Made at the first compressed message: a session that never receives one holds no zlib state. */
    private Inflater inflater;
    /** Output of the current message so far. */
    private long messageBytes;
    /** The peer ended its DEFLATE stream inside the current message. */
    private boolean streamEnded;
    private boolean broken;
    private boolean closed;

    /**
     * Creates an inflater.
     *
     * @param maxMessageBytes the largest decompressed message accepted, positive
     */
    MessageInflater(long maxMessageBytes) {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /** {@return whether zlib state is held: only from the first compressed message until {@link #close()}} */
    boolean holdsZlibState() {
        return inflater != null && !closed;
    }

    /** {@return the largest decompressed message accepted, in bytes} */
    long maxMessageBytes() {
        return maxMessageBytes;
    }

    /**
     * Decompresses the next chunk of a message (the payload of one frame, or any part of it).
     *
     * <p>Buffers: {@code compressedChunk}'s indices and reference count are untouched. Each buffer
     * passed to {@code out} belongs to the consumer from that moment, even if the consumer throws.
     *
     * @param compressedChunk the next compressed bytes of the message
     * @param lastChunkOfMessage {@code true} for the message's final chunk: the sync flush tail is
     *     appended and the next call starts a new message
     * @param alloc where output pieces are allocated
     * @param out receives the output in order, in non-empty pieces of at most {@value #MAX_PIECE} bytes
     * @throws MessageTooBigException as soon as the message's output exceeds {@code maxMessageBytes}
     * @throws InvalidCompressedDataException if the input is not valid DEFLATE data
     * @throws IllegalStateException if the inflater is closed or failed earlier
     */
    void inflate(ByteBuf compressedChunk, boolean lastChunkOfMessage, ByteBufAllocator alloc,
                 Consumer<ByteBuf> out) {
        if (closed || broken) {
            throw new IllegalStateException(closed ? "inflater is closed" : "inflater failed earlier");
        }
        boolean done = false;
        try {
            int length = compressedChunk.readableBytes();
            if (length > 0) {
                for (ByteBuffer part : compressedChunk.nioBuffers(compressedChunk.readerIndex(), length)) {
                    feed(part, alloc, out);
                }
            }
            if (lastChunkOfMessage) {
                feed(ByteBuffer.wrap(SYNC_FLUSH_TAIL), alloc, out);
                endMessage();
            }
            done = true;
        } catch (DataFormatException e) {
            throw new InvalidCompressedDataException("invalid compressed data: " + e.getMessage(), e);
        } finally {
            if (inflater != null) {
                inflater.setInput(NO_INPUT); // drop the reference to the caller's memory
            }
            if (!done) {
                broken = true;
            }
        }
    }

    private void endMessage() {
        messageBytes = 0;
        if (streamEnded) {
            streamEnded = false;
            inflater.reset();
        }
    }

    private void feed(ByteBuffer input, ByteBufAllocator alloc, Consumer<ByteBuf> out)
            throws DataFormatException {
        if (streamEnded) {
            return; // after a final block: the remainder of the message is not part of the stream
        }
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        inflater.setInput(input);
        ByteBuf piece = null;
        try {
            while (true) {
                if (piece == null) {
                    int guess = (int) Math.min(MAX_PIECE, Math.max(MIN_PIECE, 4L * input.remaining()));
                    piece = alloc.buffer(guess, MAX_PIECE);
                } else if (!piece.isWritable()) {
                    if (piece.capacity() < MAX_PIECE) {
                        piece.capacity(Math.min(MAX_PIECE, piece.capacity() * 2));
                    } else {
                        ByteBuf full = piece;
                        piece = null;
                        out.accept(full);
                        continue;
                    }
                }
                // Room for one byte beyond the limit: enough to prove the message too big.
                int space = (int) Math.min(piece.writableBytes(), maxMessageBytes - messageBytes + 1);
                int remainingBefore = inflater.getRemaining();
                int written = inflater.inflate(piece.internalNioBuffer(piece.writerIndex(), space));
                piece.writerIndex(piece.writerIndex() + written);
                messageBytes += written;
                if (messageBytes > maxMessageBytes) {
                    throw new MessageTooBigException(maxMessageBytes);
                }
                if (inflater.finished()) {
                    streamEnded = true;
                    break;
                }
                if (inflater.needsDictionary()) {
                    throw new InvalidCompressedDataException("compressed data asks for a preset dictionary");
                }
                // zlib returns with free output space only when the input is used up.
                if (written < space && inflater.needsInput()) {
                    break;
                }
                if (written == 0 && inflater.getRemaining() == remainingBefore) {
                    throw new InvalidCompressedDataException("inflater made no progress");
                }
            }
            if (piece.isReadable()) {
                ByteBuf last = piece;
                piece = null;
                out.accept(last);
            }
        } finally {
            if (piece != null) {
                piece.release();
            }
        }
    }

    /** Frees the decompressor's native memory. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (inflater != null) {
                inflater.end();
            }
        }
    }
}
