package io.stormsocket.benchmarks.fault;

import io.stormsocket.benchmarks.JvmGauges;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Peers announcing frames of 2 GiB, {@code Integer.MAX_VALUE} and a negative length: each must
 * end with {@code PROTOCOL_ERROR}, and the server's live heap ({@link JvmGauges#liveHeap()}, before
 * and after) must grow by less than {@link #HEAP_BOUND} bytes, so no peer-claimed size was allocated.
 */
final class OversizedPrefix implements Attack {
    /** The row's name. */
    static final String NAME = "oversized-prefix";
    static final long HEAP_BOUND = 1024 * 1024;
    private static final int[] PREFIXES = {0x8000_0000, Integer.MAX_VALUE, -1};

    private final int rounds;
    private final List<Session> sessions = new ArrayList<>();
    private FaultTarget target;
    private long heapBefore;

    /** @param rounds how many times each prefix is sent, each on its own connection */
    OversizedPrefix(int rounds) {
        this.rounds = rounds;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ServerConfig.Builder serverConfig() {
        return ServerConfig.builder();
    }

    @Override
    public void start(FaultTarget target) throws Exception {
        this.target = target;
        heapBefore = JvmGauges.liveHeap();
        target.attacker().begin(NAME, target.server().port(), "rounds", rounds);
        for (int i = 0; i < rounds * PREFIXES.length; i++) {
            sessions.add(target.nextSession());
        }
    }

    @Override
    public Outcome stop() throws Exception {
        int protocolErrors = 0;
        String other = "";
        for (Session session : sessions) {
            String reason = FaultTarget.closeOf(session);
            if (reason.equals("PROTOCOL_ERROR")) {
                protocolErrors++;
            } else {
                other = reason;
            }
        }
        target.attacker().stop();
        target.attacker().release();
        long delta = JvmGauges.liveHeap() - heapBefore;
        boolean ok = protocolErrors == sessions.size() && delta < HEAP_BOUND;
        return new Outcome(other.isEmpty() ? "PROTOCOL_ERROR" : "PROTOCOL_ERROR+" + other, ok, String.format(
                "prefixes=2GiB,MAX_VALUE,-1 connections=%d heap_delta_bytes=%d heap_bound_bytes=%d",
                sessions.size(), delta, HEAP_BOUND));
    }

    /** The attacker JVM's half: {@code rounds} sockets per prefix, each sending the prefix and 64 bytes. */
    static final class Attacker extends HeldSockets {
        @Override
        void open(AttackerLink link, List<Socket> held) throws Exception {
            int rounds = link.intArg("rounds");
            for (int round = 0; round < rounds; round++) {
                for (int prefix : PREFIXES) {
                    Socket socket = link.connect();
                    held.add(socket);
                    byte[] header = new byte[4 + 64];
                    ByteBuffer.wrap(header).putInt(prefix);
                    socket.getOutputStream().write(header);
                }
            }
        }
    }
}
