package io.stormsocket.benchmarks.fault;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Peers announcing frames of 2 GiB, {@code Integer.MAX_VALUE} and a negative length: each must
 * end with {@code PROTOCOL_ERROR}, and the server's heap (measured after a full GC before and
 * after) must grow by less than {@link #HEAP_BOUND} bytes, so no peer-claimed size was allocated.
 */
final class OversizedPrefix implements Attack {
    static final long HEAP_BOUND = 1024 * 1024;
    private static final int[] PREFIXES = {0x8000_0000, Integer.MAX_VALUE, -1};

    private final int rounds;
    private final List<Session> sessions = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private long heapBefore;

    /** @param rounds how many times each prefix is sent, each on its own connection */
    OversizedPrefix(int rounds) {
        this.rounds = rounds;
    }

    @Override
    public String name() {
        return "oversized-prefix";
    }

    @Override
    public ServerConfig.Builder serverConfig() {
        return ServerConfig.builder();
    }

    @Override
    public void start(FaultTarget target) throws Exception {
        heapBefore = usedHeapAfterGc();
        for (int round = 0; round < rounds; round++) {
            for (int prefix : PREFIXES) {
                Socket socket = target.connect();
                byte[] header = new byte[4 + 64];
                java.nio.ByteBuffer.wrap(header).putInt(prefix);
                socket.getOutputStream().write(header);
                sockets.add(socket);
                sessions.add(target.nextSession());
            }
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
        for (Socket socket : sockets) {
            socket.close();
        }
        long delta = usedHeapAfterGc() - heapBefore;
        boolean ok = protocolErrors == sessions.size() && delta < HEAP_BOUND;
        return new Outcome(other.isEmpty() ? "PROTOCOL_ERROR" : "PROTOCOL_ERROR+" + other, ok, String.format(
                "prefixes=2GiB,MAX_VALUE,-1 connections=%d heap_delta_bytes=%d heap_bound_bytes=%d",
                sessions.size(), delta, HEAP_BOUND));
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
