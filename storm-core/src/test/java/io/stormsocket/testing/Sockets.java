package io.stormsocket.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** Helpers for tests that play a peer with a plain JDK socket. */
public final class Sockets {
    private Sockets() {
    }

    /**
     * Asserts the peer closed the connection: reads (discarding data) until end of stream or a
     * reset, within 10 seconds. A server that closes with unread input answers with a reset, so
     * both count as closed.
     *
     * @param socket a connected socket
     * @throws IOException if reading fails otherwise
     */
    public static void assertClosedByPeer(Socket socket) throws IOException {
        socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // discard whatever the peer wrote before closing
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the peer did not close the connection within " + Await.TIMEOUT, e);
        } catch (SocketException reset) {
            // connection reset: closed
        }
    }

    /**
     * Tells, without waiting, whether the peer has closed the connection: end of stream or a
     * reset. For polling many sockets with {@link Await#until}. Reads one byte if one is there.
     *
     * @param socket a connected socket
     * @return {@code true} once the peer has closed it
     */
    public static boolean isClosedByPeer(Socket socket) {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
