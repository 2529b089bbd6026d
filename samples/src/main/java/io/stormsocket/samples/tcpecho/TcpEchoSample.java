package io.stormsocket.samples.tcpecho;

import io.stormsocket.core.CloseReason;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormServer;
import java.util.concurrent.CountDownLatch;

/** A TCP echo server: every byte a client sends comes straight back. Try it with {@code nc localhost 5000}. */
public final class TcpEchoSample {
    private TcpEchoSample() {
    }

    /**
     * Creates and starts the echo server.
     *
     * @param port the port, 0 for any free one
     * @return the running server
     */
    public static StormServer start(int port) {
        StormServer server = StormServer.create(ServerConfig.builder().port(port).build());
        server.onConnected(session -> System.out.println("connected: " + session.remoteAddress()));
        server.onDataReceived((session, data) -> session.send(data));
        server.onDisconnected((session, reason) -> System.out.println("disconnected: " + session.remoteAddress()
                + (reason == CloseReason.REMOTE_CLOSE ? "" : " (" + reason + ")")));
        server.start().join();
        return server;
    }

    /**
     * Runs the sample until the process is stopped.
     *
     * @param port the port
     * @throws InterruptedException when interrupted
     */
    public static void runUntilStopped(int port) throws InterruptedException {
        StormServer server = start(port);
        System.out.println("TCP echo listening on port " + server.port() + "; try it with: nc localhost " + server.port());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }
}
