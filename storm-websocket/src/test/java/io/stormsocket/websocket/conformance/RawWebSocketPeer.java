package io.stormsocket.websocket.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A deliberately dumb WebSocket endpoint on a blocking socket, for conformance tests: it writes
 * whatever bytes a test asks for (any bits, any opcode, any length field, masked or not, in chunks
 * with pauses) and reads frames back with a timeout. In the client role it tests Storm's server; in
 * the server role ({@link Listener}) it tests Storm's client.
 *
 * <p>Threading: one test thread.
 */
final class RawWebSocketPeer implements Closeable {
    /** How long any read waits. */
    static final int READ_TIMEOUT_MILLIS = 10_000;
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    static final int RSV1 = 4;
    static final int RSV2 = 2;
    static final int RSV3 = 1;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final boolean client;
    private final Random random = new Random();
    private final Map<String, String> handshakeHeaders;

    /**
     * A frame as read from the wire, unmasked.
     *
     * @param fin the FIN bit
     * @param rsv RSV1..3 as a 3-bit number (RSV1 = 4)
     * @param opcode the opcode
     * @param masked whether it came masked
     * @param maskKey the key, if masked
     * @param payload the unmasked payload
     */
    record Frame(boolean fin, int rsv, int opcode, boolean masked, int maskKey, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** {@return the close code, or -1 for a Close without body} */
        int closeCode() {
            assertThat(opcode).as("opcode of %s", this).isEqualTo(CLOSE);
            return payload.length < 2 ? -1 : (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }

        @Override
        public String toString() {
            return "Frame[fin=" + fin + ", rsv=" + rsv + ", opcode=" + opcode + ", masked=" + masked + ", length="
                    + payload.length + (opcode == CLOSE && payload.length >= 2 ? ", code=" + closeCode() + ", reason="
                    + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "") + "]";
        }
    }

    private RawWebSocketPeer(Socket socket, boolean client, Map<String, String> handshakeHeaders) throws IOException {
        this.socket = socket;
        this.client = client;
        this.handshakeHeaders = handshakeHeaders;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    // ---------------------------------------------------------------- client role

    /**
     * Connects to a WebSocket server and performs the opening handshake.
     *
     * @param port the server's port on 127.0.0.1
     * @param extensions the Sec-WebSocket-Extensions offer, or null for none
     * @return the upgraded peer; {@link #handshakeHeaders()} holds the response headers
     */
    static RawWebSocketPeer connect(int port, String extensions) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        try {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            String key = Base64.getEncoder().encodeToString(randomBytes(new Random(), 16));
            StringBuilder request = new StringBuilder()
                    .append("GET / HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Upgrade: websocket\r\n")
                    .append("Connection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            if (extensions != null) {
                request.append("Sec-WebSocket-Extensions: ").append(extensions).append("\r\n");
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Map<String, String> headers = readHead(socket.getInputStream());
            assertThat(headers.get(":start")).as("status line").startsWith("HTTP/1.1 101");
            assertThat(headers.get("sec-websocket-accept")).isEqualTo(acceptValue(key));
            return new RawWebSocketPeer(socket, true, headers);
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- server role

    /** A listening socket that accepts one Storm client at a time and answers its upgrade. */
    static final class Listener implements Closeable {
        private final ServerSocket server;

        Listener() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            server.setSoTimeout(READ_TIMEOUT_MILLIS);
        }

        int port() {
            return server.getLocalPort();
        }

        /**
         * Accepts a connection and answers its upgrade request with a correct 101.
         *
         * @param extraHeaders header lines added to the response (each without CRLF)
         * @return the peer; {@link #handshakeHeaders()} holds the request headers
         */
        RawWebSocketPeer accept(String... extraHeaders) throws IOException {
            return accept(key -> {
                StringBuilder response = new StringBuilder(switchingProtocols(acceptValue(key)));
                for (String header : extraHeaders) {
                    response.append(header).append("\r\n");
                }
                return response.append("\r\n").toString();
            });
        }

        /**
         * Accepts a connection and answers its upgrade request with whatever {@code response} makes
         * of the request's key.
         *
         * @param response maps Sec-WebSocket-Key to the full response head, final CRLF included
         * @return the peer
         */
        RawWebSocketPeer accept(UnaryOperator<String> response) throws IOException {
            Socket socket = server.accept();
            try {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                Map<String, String> headers = readHead(socket.getInputStream());
                String key = headers.get("sec-websocket-key");
                assertThat(key).as("Sec-WebSocket-Key").isNotNull();
                socket.getOutputStream().write(response.apply(key).getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                return new RawWebSocketPeer(socket, false, headers);
            } catch (IOException | RuntimeException | Error e) {
                socket.close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** {@return the head of a 101 response without the final empty line} */
    static String switchingProtocols(String acceptValue) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptValue + "\r\n";
    }

    /** {@return the Sec-WebSocket-Accept value for a key (RFC 6455 section 4.2.2)} */
    static String acceptValue(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Reads an HTTP head byte by byte (never past it); header names lower case, start line as ":start". */
    private static Map<String, String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside the HTTP head: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":start", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        return headers;
    }

    /** {@return the other side's handshake headers, names in lower case} */
    Map<String, String> handshakeHeaders() {
        return handshakeHeaders;
    }

    // ---------------------------------------------------------------- building frames

    /** {@return a frame masked as this role requires (client masks, server does not)} */
    byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        return frame(fin, rsv, opcode, payload, client);
    }

    /** {@return a final frame without RSV bits, masked as this role requires} */
    byte[] frame(int opcode, byte[] payload) {
        return frame(true, 0, opcode, payload, client);
    }

    /** {@return a frame with a random masking key when {@code mask}} */
    byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean mask) {
        int key = mask ? random.nextInt() : 0;
        byte[] header = header(fin, rsv, opcode, payload.length, mask, key);
        byte[] frame = new byte[header.length + payload.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        for (int i = 0; i < payload.length; i++) {
            frame[header.length + i] = (byte) (payload[i] ^ (mask ? key >>> (24 - 8 * (i & 3)) : 0));
        }
        return frame;
    }

    /** {@return a frame header alone (the shortest length encoding), masking key included} */
    static byte[] header(boolean fin, int rsv, int opcode, long length, boolean mask, int key) {
        ByteArrayOutputStream h = new ByteArrayOutputStream(14);
        h.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | opcode & 0x0F);
        int maskBit = mask ? 0x80 : 0;
        // The length is unsigned: a negative value goes out as a 64-bit length with its top bit set.
        if (length >= 0 && length < 126) {
            h.write(maskBit | (int) length);
        } else if (length >= 0 && length <= 0xFFFF) {
            h.write(maskBit | 126);
            h.write((int) (length >>> 8));
            h.write((int) length);
        } else {
            h.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                h.write((int) (length >>> shift));
            }
        }
        if (mask) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                h.write(key >>> shift);
            }
        }
        return h.toByteArray();
    }

    /** {@return a close payload: code and reason} */
    static byte[] closeBody(int code, byte[] reason) {
        byte[] body = new byte[2 + reason.length];
        body[0] = (byte) (code >>> 8);
        body[1] = (byte) code;
        System.arraycopy(reason, 0, body, 2, reason.length);
        return body;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- sending

    /**
     * Writes bytes at once, in one write: frames that follow a Close must already be on their way
     * when the server reacts to it, or the write after its close would fail.
     */
    void send(byte[]... data) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : data) {
            all.write(part);
        }
        out.write(all.toByteArray());
        out.flush();
    }

    /** Writes bytes in chunks of {@code chunkSize}, each written and flushed on its own. */
    void sendInChunks(byte[] data, int chunkSize) throws IOException {
        for (int i = 0; i < data.length; i += chunkSize) {
            out.write(data, i, Math.min(chunkSize, data.length - i));
            out.flush();
        }
    }

    /** Sends a frame, masked as this role requires. */
    void sendFrame(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        send(frame(fin, rsv, opcode, payload));
    }

    /** Sends a final frame without RSV bits. */
    void sendFrame(int opcode, byte[] payload) throws IOException {
        send(frame(opcode, payload));
    }

    /** Sends a Close with a code and reason, ignoring a connection the other side already closed. */
    void sendCloseQuietly(int code) {
        try {
            sendFrame(CLOSE, closeBody(code, new byte[0]));
        } catch (IOException ignored) {
            // The peer may have closed already: fine for a closing handshake.
        }
    }

    // ---------------------------------------------------------------- receiving

    /** {@return the next frame, within the read timeout} */
    Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        assertThat(length).as("frame length").isBetween(0L, (long) Integer.MAX_VALUE - 8);
        boolean masked = (b1 & 0x80) != 0;
        int key = masked ? in.readInt() : 0;
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
            }
        }
        return new Frame((b0 & 0x80) != 0, (b0 >>> 4) & 7, b0 & 0x0F, masked, key, payload);
    }

    /** Reads the next frame and checks it is an unfragmented data frame; returns it. */
    Frame readMessageFrame(int opcode) throws IOException {
        Frame frame = readFrame();
        assertThat(frame.opcode()).as("opcode of %s", frame).isEqualTo(opcode);
        assertThat(frame.fin()).as("FIN of %s", frame).isTrue();
        assertThat(frame.masked()).as("mask of %s", frame).isEqualTo(!client);
        return frame;
    }

    /**
     * Reads the next frame, checks it is a Close with {@code code} (-1: no body) and answers it.
     * As a client, then checks the server closes the TCP connection; as a server, ends its output.
     */
    Frame expectCloseAndEnd(int code) throws IOException {
        Frame close = readFrame();
        assertThat(close.opcode()).as("expected Close %s but read %s", code, close).isEqualTo(CLOSE);
        assertThat(close.closeCode()).as("close code").isEqualTo(code);
        if (close.payload().length >= 2) {
            sendCloseQuietly(close.closeCode());
        } else {
            try {
                sendFrame(CLOSE, new byte[0]);
            } catch (IOException ignored) {
                // closed already
            }
        }
        if (client) {
            expectTcpClosed();
        } else if (!socket.isOutputShutdown() && !socket.isClosed()) {
            // A server closes the TCP connection first (RFC 6455 section 7.1.1).
            try {
                socket.shutdownOutput();
            } catch (IOException ignored) {
                // closed already
            }
        }
        return close;
    }

    /** {@return the next byte, or -1 at the end of the stream, within the read timeout} */
    int readByte() throws IOException {
        return in.read();
    }

    /** Ends this side's output (TCP half-close); reading goes on. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Checks the other side closes the TCP connection (end of stream or reset) within the timeout. */
    void expectTcpClosed() throws IOException {
        long deadline = System.nanoTime() + READ_TIMEOUT_MILLIS * 1_000_000L;
        byte[] sink = new byte[8192];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new AssertionError("the connection stayed open for " + READ_TIMEOUT_MILLIS + " ms");
                }
                socket.setSoTimeout((int) left);
                if (in.read(sink) < 0) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open for " + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (SocketException reset) {
            // Connection reset: closed too.
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
