package io.stormsocket.benchmarks.jmh;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.stormsocket.benchmarks.echo.EchoServer;
import io.stormsocket.benchmarks.echo.EchoServerOptions;
import io.stormsocket.benchmarks.echo.Framing;
import io.stormsocket.benchmarks.echo.NettyTransport;
import io.stormsocket.benchmarks.echo.Proto;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * WebSocket echo over loopback without compression, Storm's server against the raw-Netty
 * WebSocket baseline ({@code impl}) in the same run, through one connection of Netty's own
 * WebSocket client (which masks every frame, as RFC 6455 requires of clients). One operation
 * sends {@code burst} binary messages and flushes once, then waits until all are echoed: with
 * {@code burst=1} the score is the round-trip latency, with a larger burst the cost per message
 * when reads and writes batch. The server side pays for frame parsing, unmasking and framing the
 * reply.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class WebSocketEchoRoundTripBenchmark extends BenchmarkBase {
    /** Created by JMH, once per fork and state scope. */
    public WebSocketEchoRoundTripBenchmark() {
    }

    /** The server implementation. */
    @Param({"storm", "netty"})
    public String impl;

    /** Messages per operation, flushed together. */
    @Param({"1", "64"})
    public int burst;

    /** Payload size in bytes. */
    @Param({"32"})
    public int size;

    private EchoServer server;
    private EventLoopGroup group;
    private Channel channel;
    private Replies replies;

    /**
     * Starts the server (one I/O thread), connects the client (one I/O thread) and waits for the
     * upgrade.
     *
     * @throws Exception if either cannot start or the upgrade fails
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = EchoServer.start(new EchoServerOptions(EchoServerOptions.Impl.parse(impl), Proto.WS, 0,
                Framing.LENGTH, 1, false));
        NettyTransport transport = NettyTransport.automatic();
        group = transport.newGroup(1, "jmh-ws-client");
        replies = new Replies(size);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(URI.create("ws://127.0.0.1:" + server.port() + "/"))
                .maxFramePayloadLength(1 << 20)
                .build();
        channel = new Bootstrap().group(group).channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(config), replies);
                    }
                })
                .connect("127.0.0.1", server.port()).sync().channel();
        replies.upgraded.get(10, TimeUnit.SECONDS);
    }

    /** Disconnects and stops the server. */
    @TearDown(Level.Trial)
    public void tearDown() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
    }

    /**
     * Sends {@code burst} binary messages and waits for their echoes.
     *
     * @return the number of echoed messages
     * @throws Exception if the echo fails or takes longer than ten seconds
     */
    @Benchmark
    public int roundTrip() throws Exception {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            replies.expect(burst, done);
            for (int i = 0; i < burst; i++) {
                channel.write(new BinaryWebSocketFrame(channel.alloc().buffer(size).writeZero(size)),
                        channel.voidPromise());
            }
            channel.flush();
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    /** Counts echoed messages on the client's event loop and completes the pending operation. */
    private static final class Replies extends SimpleChannelInboundHandler<WebSocketFrame> {
        final CompletableFuture<Void> upgraded = new CompletableFuture<>();
        private final int size;
        private int outstanding;
        private int expected;
        private CompletableFuture<Integer> done;

        Replies(int size) {
            this.size = size;
        }

        void expect(int count, CompletableFuture<Integer> future) {
            outstanding = count;
            expected = count;
            done = future;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                upgraded.complete(null);
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (!(frame instanceof BinaryWebSocketFrame) || frame.content().readableBytes() != size) {
                done.completeExceptionally(new IllegalStateException("bad echo: " + frame));
                return;
            }
            if (--outstanding == 0) {
                done.complete(expected);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            upgraded.completeExceptionally(cause);
            if (done != null) {
                done.completeExceptionally(cause);
            }
            ctx.close();
        }
    }
}
