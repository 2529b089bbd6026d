package io.stormsocket.benchmarks.fault;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * An attacker half whose attack is a set of sockets opened at the start and held until the bench
 * says {@code STOP}: it reports {@code STARTED sockets=N} once they are open, and closes them on
 * {@link #release()}.
 *
 * <p>Threading: the attacker JVM's main thread.
 */
abstract class HeldSockets implements AttackerHalf {
    private final List<Socket> sockets = new ArrayList<>();

    /**
     * Opens the attack's sockets and sends what each sends before going silent.
     *
     * @param link the commands and the target; {@link AttackerLink#connect()} opens a socket
     * @param held where every socket opened goes, so that {@link #release()} closes it
     * @throws Exception if a socket cannot be opened or written
     */
    abstract void open(AttackerLink link, List<Socket> held) throws Exception;

    @Override
    public final void run(AttackerLink link) throws Exception {
        open(link, sockets);
        AttackerLink.report(AttackerJvm.STARTED, "sockets", sockets.size());
        link.expect(AttackerJvm.STOP);
        link.stopped();
    }

    @Override
    public final void release() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
