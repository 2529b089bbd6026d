package io.stormsocket.websocket.internal;

import com.jcraft.jzlib.Inflater;
import com.jcraft.jzlib.JZlib;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * An independent permessage-deflate decoder whose window is exactly {@code 2^bits} bytes: JZlib's
 * inflater keeps its history in a circular buffer of that size, so a back-reference reaching further
 * reads the wrong bytes (the output then differs from the original) or fails outright. Used to prove
 * our deflater never refers beyond the agreed window. Stateful across messages, like the real peer.
 */
final class RestrictedWindowInflater implements AutoCloseable {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private final Inflater z;

    RestrictedWindowInflater(int bits) {
        z = new Inflater();
        int rc = z.init(bits, true);
        if (rc != JZlib.Z_OK) {
            throw new IllegalStateException("jzlib inflateInit(" + bits + ") failed: " + rc);
        }
    }

    /** Decodes one message's compressed payload (without the tail); throws on corrupt data. */
    byte[] inflateMessage(byte[] compressed) {
        byte[] input = Arrays.copyOf(compressed, compressed.length + TAIL.length);
        System.arraycopy(TAIL, 0, input, compressed.length, TAIL.length);
        z.setInput(input, 0, input.length, false);
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            z.setOutput(buffer, 0, buffer.length);
            int rc = z.inflate(JZlib.Z_SYNC_FLUSH);
            int produced = buffer.length - z.getAvailOut();
            result.write(buffer, 0, produced);
            if (rc != JZlib.Z_OK && rc != JZlib.Z_BUF_ERROR) {
                throw new IllegalStateException("jzlib inflate failed (" + rc + "): " + z.getMessage());
            }
            if (z.getAvailIn() == 0 && z.getAvailOut() > 0) {
                return result.toByteArray();
            }
            if (rc == JZlib.Z_BUF_ERROR && produced == 0) {
                throw new IllegalStateException("jzlib inflate made no progress");
            }
        }
    }

    @Override
    public void close() {
        z.end();
    }
}
