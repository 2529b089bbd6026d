package io.stormsocket.benchmarks.broadcast;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Group members that connect and never read: plain sockets in the publisher's JVM with a small
 * receive buffer, bound to {@value #ADDRESS} so that the server can tell them from the healthy
 * subscribers (which connect from 127.0.0.1).
 *
 * <p>Lifecycle: {@link #close()} closes every socket. Threading: the command's thread.
 */
final class SlowMembers implements AutoCloseable {
    /** The local address the slow members connect from. */
    static final String ADDRESS = "127.0.0.2";
    private static final int RECEIVE_BUFFER = 4 * 1024;

    private final List<Socket> sockets = new ArrayList<>();

    /**
     * Connects the members; they join the group like any other session.
     *
     * @param count how many
     * @param port the server's port on 127.0.0.1
     * @return the connected members
     * @throws IOException if one cannot connect
     */
    static SlowMembers connect(int count, int port) throws IOException {
        SlowMembers members = new SlowMembers();
        try {
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket();
                members.sockets.add(socket);
                socket.setReceiveBufferSize(RECEIVE_BUFFER);
                socket.bind(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port));
            }
            return members;
        } catch (IOException e) {
            members.close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a member the server has already dropped: nothing to do.
            }
        }
    }
}
