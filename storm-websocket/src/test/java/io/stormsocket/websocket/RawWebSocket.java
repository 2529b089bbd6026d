package io.stormsocket.websocket;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal hand-driven WebSocket client for tests that need a peer Storm's own client will not
 * imitate: one that never answers pings, one that stops reading. It upgrades, then reads and
 * writes whole frames; nothing more.
 */
final class RawWebSocket implements AutoCloseable {
    static final int TEXT = 1;
    static final int CLOSE = 8;
    static final int PING = 9;
    static final int PONG = 10;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** One frame from the server: its opcode and unmasked payload. */
    record Frame(int opcode, boolean fin, byte[] payload) {
    }

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Connects and upgrades without offering extensions.
     *
     * @param port the server's port
     * @param path the request path
     * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the default
     * @return the open connection
     */
    static RawWebSocket open(int port, String path, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        RawWebSocket ws = new RawWebSocket(socket);
        try {
            ws.out.write(RawHttp.upgrade(path).getBytes(StandardCharsets.ISO_8859_1));
            ws.out.flush();
            RawHttp.Response response = RawHttp.read(ws.in);
            if (response.status() != 101 || !response.header("Sec-WebSocket-Accept").orElse("").equals(RawHttp.ACCEPT)) {
                throw new IOException("upgrade refused: " + response);
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return ws;
    }

    /** Reads the next frame; fails on a timeout or a closed connection. */
    Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        if ((b1 & 0x80) != 0) {
            throw new IOException("server frame is masked");
        }
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, payload);
    }

    /** Writes one final, masked frame. */
    void write(int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        int length = payload.length;
        byte[] header;
        if (length < 126) {
            header = new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | length)};
        } else if (length <= 0xFFFF) {
            header = new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | 126), (byte) (length >>> 8), (byte) length};
        } else {
            throw new IllegalArgumentException("frames above 64 KiB are not needed here");
        }
        byte[] masked = new byte[length];
        for (int i = 0; i < length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(header);
        out.write(mask);
        out.write(masked);
        out.flush();
    }

    /** {@return the socket, for read timeouts and end-of-stream checks} */
    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
