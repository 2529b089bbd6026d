package io.stormsocket.websocket.autobahn;

import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The echo server the Autobahn|Testsuite fuzzing client tests in the {@code autobahn} Maven profile
 * of this module ({@code mvn -pl storm-websocket -Pautobahn verify}).
 *
 * <p>The autobahntestsuite-maven-plugin calls {@link #main} on a thread of the Maven JVM with the port
 * as the only argument, then connects to {@code InetAddress.getLocalHost()} on that port, so the
 * server binds to that same address (127.0.0.1 when the host name does not resolve). When the
 * fuzzing is over the plugin interrupts the thread, and the server stops.
 *
 * <p>Every text message goes back as text and every binary message as binary. Frames and messages
 * of up to 16 MiB are accepted, since cases 9.x send messages that large; permessage-deflate is on
 * (the default), for cases 12.x and 13.x.
 */
public final class AutobahnEchoServer {
    /** Largest frame and message: 16 MiB, the biggest payload of Autobahn's 9.x cases. */
    static final int MAX_SIZE = 16 * 1024 * 1024;

    private AutobahnEchoServer() {
    }

    /**
     * Starts the echo server and blocks until the thread is interrupted.
     *
     * @param args the port to listen on
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9001;
        String host = localHostAddress();
        WebSocketServerOptions options = WebSocketServerOptions.builder()
                .maxFrameSize(MAX_SIZE)
                .maxMessageSize(MAX_SIZE)
                .build();
        try (StormWebSocketServer server = StormWebSocketServer.create(
                ServerConfig.builder().endpoint(Endpoint.tcp(host, port)), options)) {
            server.onMessageReceived((session, message) -> session.sendFrame(message.retain()));
            server.start().join();
            System.out.println("Autobahn echo server listening on " + host + ":" + server.port());
            // Serve until the plugin ends this process.
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The address the plugin connects to: the one the host name resolves to. */
    private static String localHostAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }
}
