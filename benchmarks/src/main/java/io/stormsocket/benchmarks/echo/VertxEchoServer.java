package io.stormsocket.benchmarks.echo;

import io.stormsocket.core.Transport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Vert.x echo servers, written as a Vert.x user writes them: a {@code NetServer} per event
 * loop with a {@code RecordParser} for the length-prefix and line framings (raw bytes go back as
 * they come), or an {@code HttpServer} whose WebSocket handler writes every message back, text as
 * text and binary as binary, with permessage-deflate accepted only when compression is on. Vert.x
 * runs on the transport Storm picks (io_uring, epoll, kqueue or NIO) with one event loop per I/O
 * thread. TLS is not offered: Vert.x needs its own key-store setup, and the tls comparison is
 * between Storm and raw Netty.
 */
final class VertxEchoServer implements EchoServer {
    /** The same frame and message limit as Storm's and Netty's WebSocket echo servers. */
    private static final int MAX_WEBSOCKET_MESSAGE = 1 << 20;
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final int port;
    private final Transport transport;

    private VertxEchoServer(Vertx vertx, int port, Transport transport) {
        this.vertx = vertx;
        this.port = port;
        this.transport = transport;
    }

    static EchoServer start(EchoServerOptions options) throws Exception {
        if (options.proto().secure()) {
            throw new IllegalArgumentException("the Vert.x echo server speaks tcp and ws only");
        }
        Transport transport = NettyTransport.automatic().transport();
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setEventLoopPoolSize(options.ioThreads()))
                .withTransport(vertxTransport(transport))
                .build();
        try {
            // One server per event loop on the same port: Vert.x spreads connections across them.
            int port = options.port();
            List<Future<?>> started = new ArrayList<>();
            for (int i = 0; i < options.ioThreads(); i++) {
                Future<Integer> bound = options.proto().webSocket() ? listenWebSocket(vertx, options, port)
                        : listenTcp(vertx, options.framing(), port);
                if (port == 0) {
                    // Every further server must share the first one's port.
                    port = bound.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
                started.add(bound);
            }
            for (Future<?> bound : started) {
                bound.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return new VertxEchoServer(vertx, port, transport);
        } catch (Exception | Error e) {
            vertx.close();
            throw e;
        }
    }

    private static io.vertx.core.transport.Transport vertxTransport(Transport transport) {
        return switch (transport) {
            case IO_URING -> io.vertx.core.transport.Transport.IO_URING;
            case EPOLL -> io.vertx.core.transport.Transport.EPOLL;
            case KQUEUE -> io.vertx.core.transport.Transport.KQUEUE;
            default -> io.vertx.core.transport.Transport.NIO;
        };
    }

    private static Future<Integer> listenTcp(Vertx vertx, Framing framing, int port) {
        return vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true))
                .connectHandler(socket -> echo(socket, framing))
                .listen(port)
                .map(server -> server.actualPort());
    }

    private static void echo(NetSocket socket, Framing framing) {
        switch (framing) {
            case RAW -> socket.handler(socket::write);
            case LINE -> socket.handler(RecordParser.newDelimited("\n",
                    line -> socket.write(Buffer.buffer(line.length() + 1).appendBuffer(line).appendByte((byte) '\n'))));
            case LENGTH -> socket.handler(new LengthPrefixEcho(socket).parser);
        }
    }

    private static Future<Integer> listenWebSocket(Vertx vertx, EchoServerOptions options, int port) {
        HttpServerOptions http = new HttpServerOptions()
                .setTcpNoDelay(true)
                .setMaxWebSocketFrameSize(MAX_WEBSOCKET_MESSAGE)
                .setMaxWebSocketMessageSize(MAX_WEBSOCKET_MESSAGE)
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(options.compression());
        return vertx.createHttpServer(http)
                .webSocketHandler(socket -> {
                    socket.textMessageHandler(socket::writeTextMessage);
                    socket.binaryMessageHandler(socket::writeBinaryMessage);
                })
                .listen(port)
                .map(server -> server.actualPort());
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Vert.x did not stop", e);
        }
    }

    /** A 4-byte big-endian length, then the payload: read the header, then the body, and echo. */
    private static final class LengthPrefixEcho {
        private static final int HEADER = 4;
        final RecordParser parser;
        private final NetSocket socket;
        private boolean header = true;

        LengthPrefixEcho(NetSocket socket) {
            this.socket = socket;
            this.parser = RecordParser.newFixed(HEADER, this::record);
        }

        private void record(Buffer record) {
            if (header) {
                int length = record.getInt(0);
                if (length < 0 || length > io.stormsocket.core.codec.LengthPrefixCodec.DEFAULT_MAX_FRAME_LENGTH) {
                    socket.close();
                    return;
                }
                if (length == 0) {
                    socket.write(Buffer.buffer(HEADER).appendInt(0));
                    return;
                }
                header = false;
                parser.fixedSizeMode(length);
            } else {
                socket.write(Buffer.buffer(HEADER + record.length()).appendInt(record.length()).appendBuffer(record));
                header = true;
                parser.fixedSizeMode(HEADER);
            }
        }
    }
}
