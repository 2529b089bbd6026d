package io.stormsocket.benchmarks.echo;

import io.stormsocket.core.Transport;

/**
 * A running echo server, Storm, raw Netty or Vert.x, over TCP, TLS or WebSocket.
 *
 * <p>Lifecycle: {@link #start(EchoServerOptions)} binds and returns once the port is open;
 * {@link #close()} stops the server and waits for its threads.
 */
public interface EchoServer extends AutoCloseable {

    /**
     * Starts an echo server.
     *
     * @param options what to start
     * @return the running server
     * @throws Exception if it cannot bind or set up TLS
     */
    static EchoServer start(EchoServerOptions options) throws Exception {
        return switch (options.impl()) {
            case STORM -> options.proto().webSocket()
                    ? StormWebSocketEchoServer.start(options) : StormEchoServer.start(options);
            case NETTY -> options.proto().webSocket()
                    ? NettyWebSocketEchoServer.start(options) : NettyEchoServer.start(options);
            case VERTX -> VertxEchoServer.start(options);
        };
    }

    /**
     * Returns the bound port.
     *
     * @return the port
     */
    int port();

    /**
     * Returns the transport the server runs on.
     *
     * @return a concrete transport
     */
    Transport transport();

    /** Stops the server and waits for its threads. */
    @Override
    void close();
}
