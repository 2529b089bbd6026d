package io.stormsocket.websocket.conformance;

import com.jcraft.jzlib.JZlib;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate for the raw peer (RFC 7692 section 7.2): compress with a chosen window (JDK
 * zlib for 15 bits, JZlib for 9..14, Huffman-only for 8) and decompress with a decoder restricted to
 * a chosen window.
 *
 * <p>Restricted decoding uses JZlib, whose inflater keeps a circular window of exactly
 * 2<sup>bits</sup> bytes: a back-reference farther than that does not raise an error there, it
 * reads the wrong bytes, so the check is the decoded message compared with what was sent. The
 * test messages ({@link #sample}) repeat blocks of random letters at every distance, so a
 * compressor that used a larger window than agreed produces a mismatch.
 *
 * <p>Window 8: zlib cannot deflate with a 256-byte raw window (it silently uses 512), so 8 is
 * compressed Huffman-only (no back-references at all, valid for any window) and decoded with a
 * 9-bit inflater, the smallest JZlib accepts for raw streams.
 *
 * <p>Threading: one test thread.
 */
final class PeerDeflate implements AutoCloseable {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final int compressBits;
    private final boolean compressNoContext;
    private final int inflateBits;
    private final boolean inflateNoContext;
    private Deflater jdkDeflater;
    private com.jcraft.jzlib.Deflater jzDeflater;
    private Inflater jdkInflater;
    private com.jcraft.jzlib.Inflater jzInflater;

    /**
     * @param compressBits the window this side compresses with, 8..15
     * @param compressNoContext whether each message is compressed from an empty window
     * @param inflateBits the window the peer agreed to compress with, 8..15
     * @param inflateNoContext whether each message is decoded with a fresh window (checks that the
     *     peer did not take its context over)
     */
    PeerDeflate(int compressBits, boolean compressNoContext, int inflateBits, boolean inflateNoContext) {
        this.compressBits = compressBits;
        this.compressNoContext = compressNoContext;
        this.inflateBits = inflateBits;
        this.inflateNoContext = inflateNoContext;
    }

    static PeerDeflate standard() {
        return new PeerDeflate(15, false, 15, false);
    }

    // ---------------------------------------------------------------- compressing

    /** {@return the message compressed and flushed, without the trailing 00 00 ff ff} */
    byte[] compress(byte[] message) {
        if (message.length == 0) {
            return new byte[] {0x00}; // an empty stored block once the tail is back (RFC 7692 section 7.2.3.6)
        }
        byte[] flushed = compressBits == 15 || compressBits == 8 ? jdkCompress(message) : jzCompress(message);
        if (flushed.length < 4 || !Arrays.equals(flushed, flushed.length - 4, flushed.length, TAIL, 0, 4)) {
            throw new AssertionError("sync flush did not end with 00 00 ff ff");
        }
        return Arrays.copyOf(flushed, flushed.length - 4);
    }

    private byte[] jdkCompress(byte[] message) {
        if (jdkDeflater == null || compressNoContext) {
            if (jdkDeflater != null) {
                jdkDeflater.end();
            }
            jdkDeflater = new Deflater(6, true);
            if (compressBits == 8) {
                jdkDeflater.setStrategy(Deflater.HUFFMAN_ONLY);
            }
        }
        jdkDeflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        // A strategy change is applied by the first deflate call, which may stop before flushing:
        // keep calling until the output ends with the sync flush marker.
        while (true) {
            int n = jdkDeflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
            if (n < buffer.length && jdkDeflater.needsInput() && endsWithTail(out.toByteArray())) {
                return out.toByteArray();
            }
            if (n == 0 && jdkDeflater.needsInput()) {
                throw new AssertionError("deflater made no progress and wrote no sync flush");
            }
        }
    }

    private static boolean endsWithTail(byte[] bytes) {
        return bytes.length >= 4 && Arrays.equals(bytes, bytes.length - 4, bytes.length, TAIL, 0, 4);
    }

    private byte[] jzCompress(byte[] message) {
        if (jzDeflater == null || compressNoContext) {
            if (jzDeflater != null) {
                jzDeflater.end();
            }
            jzDeflater = new com.jcraft.jzlib.Deflater();
            check(jzDeflater.init(6, compressBits, true), "deflate init");
        }
        jzDeflater.setInput(message, 0, message.length, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            jzDeflater.setOutput(buffer, 0, buffer.length);
            int rc = jzDeflater.deflate(JZlib.Z_SYNC_FLUSH);
            if (rc != JZlib.Z_OK && rc != JZlib.Z_BUF_ERROR) {
                throw new AssertionError("jzlib deflate: " + rc);
            }
            int n = buffer.length - jzDeflater.getAvailOut();
            out.write(buffer, 0, n);
            if (jzDeflater.getAvailOut() > 0) {
                return out.toByteArray();
            }
        }
    }

    // ---------------------------------------------------------------- decompressing

    /** {@return the decompressed message (the 00 00 ff ff tail is appended here)} */
    byte[] decompress(byte[] compressed) {
        byte[] input = Arrays.copyOf(compressed, compressed.length + 4);
        System.arraycopy(TAIL, 0, input, compressed.length, 4);
        return inflateBits == 15 ? jdkDecompress(input) : jzDecompress(input);
    }

    private byte[] jdkDecompress(byte[] input) {
        if (jdkInflater == null || inflateNoContext) {
            if (jdkInflater != null) {
                jdkInflater.end();
            }
            jdkInflater = new Inflater(true);
        }
        jdkInflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                int n = jdkInflater.inflate(buffer);
                out.write(buffer, 0, n);
                if (n == 0 && (jdkInflater.needsInput() || jdkInflater.finished())) {
                    return out.toByteArray();
                }
            }
        } catch (DataFormatException e) {
            throw new AssertionError("invalid compressed data: " + e.getMessage(), e);
        }
    }

    private byte[] jzDecompress(byte[] input) {
        if (jzInflater == null || inflateNoContext) {
            if (jzInflater != null) {
                jzInflater.end();
            }
            jzInflater = new com.jcraft.jzlib.Inflater();
            check(jzInflater.init(Math.max(9, inflateBits), true), "inflate init");
        }
        jzInflater.setInput(input, 0, input.length, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            jzInflater.setOutput(buffer, 0, buffer.length);
            int rc = jzInflater.inflate(JZlib.Z_SYNC_FLUSH);
            if (rc != JZlib.Z_OK && rc != JZlib.Z_BUF_ERROR) {
                throw new AssertionError("jzlib inflate (" + inflateBits + " bits): " + rc);
            }
            out.write(buffer, 0, buffer.length - jzInflater.getAvailOut());
            if (jzInflater.getAvailIn() == 0 && jzInflater.getAvailOut() > 0) {
                return out.toByteArray();
            }
        }
    }

    private static void check(int rc, String what) {
        if (rc != JZlib.Z_OK) {
            throw new AssertionError("jzlib " + what + ": " + rc);
        }
    }

    /**
     * A message that compresses well and repeats itself at every distance: blocks of random letters,
     * half of them copies of an earlier block anywhere before.
     */
    static byte[] sample(Random random, int length) {
        byte[] message = new byte[length];
        int block = 48;
        for (int at = 0; at < length; at += block) {
            int n = Math.min(block, length - at);
            if (at >= block && random.nextBoolean()) {
                int from = random.nextInt(at - block + 1);
                System.arraycopy(message, from, message, at, n);
            } else {
                for (int i = 0; i < n; i++) {
                    message[at + i] = (byte) ('a' + random.nextInt(26));
                }
            }
        }
        return message;
    }

    @Override
    public void close() {
        if (jdkDeflater != null) {
            jdkDeflater.end();
        }
        if (jzDeflater != null) {
            jzDeflater.end();
        }
        if (jdkInflater != null) {
            jdkInflater.end();
        }
        if (jzInflater != null) {
            jzInflater.end();
        }
    }
}
