package io.stormsocket.benchmarks.jmh;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.stormsocket.benchmarks.echo.EchoServer;
import io.stormsocket.benchmarks.echo.EchoServerOptions;
import io.stormsocket.benchmarks.echo.Framing;
import io.stormsocket.benchmarks.echo.NettyTransport;
import io.stormsocket.benchmarks.echo.Proto;
import java.util.List;
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
 * TCP echo over loopback with the length-prefix framing, Storm's server against the raw-Netty
 * baseline ({@code impl}) in the same run, through one raw-Netty client connection. One operation
 * sends {@code burst} messages in one write and waits until all of them are echoed: with
 * {@code burst=1} the score is the round-trip latency, with a larger burst it shows the cost per
 * message when reads and writes batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class EchoRoundTripBenchmark extends BenchmarkBase {
    /** Created by JMH, once per fork and state scope. */
    public EchoRoundTripBenchmark() {
    }


    /** The server implementation. */
    @Param({"storm", "netty"})
    public String impl;

    /** Messages per operation, sent in one write. */
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
     * Starts the server (one I/O thread) and connects the client (one I/O thread).
     *
     * @throws Exception if either cannot start
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = EchoServer.start(new EchoServerOptions(EchoServerOptions.Impl.parse(impl), Proto.TCP, 0,
                Framing.LENGTH, 1, false));
        NettyTransport transport = NettyTransport.automatic();
        group = transport.newGroup(1, "jmh-echo-client");
        replies = new Replies(size);
        channel = new Bootstrap().group(group).channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(replies);
                    }
                })
                .connect("127.0.0.1", server.port()).sync().channel();
    }

    /** Disconnects and stops the server. */
    @TearDown(Level.Trial)
    public void tearDown() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
    }

    /**
     * Sends {@code burst} messages and waits for their echoes.
     *
     * @return the number of echoed messages
     * @throws Exception if the echo fails or takes longer than ten seconds
     */
    @Benchmark
    public int roundTrip() throws Exception {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            replies.expect(burst, done);
            ByteBuf out = channel.alloc().buffer(burst * (size + 4));
            for (int i = 0; i < burst; i++) {
                out.writeInt(size).writeZero(size);
            }
            channel.writeAndFlush(out, channel.voidPromise());
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    /** Counts echoed frames on the client's event loop and completes the pending operation. */
    private static final class Replies extends ByteToMessageDecoder {
        private final int wireSize;
        private int outstanding;
        private CompletableFuture<Integer> done;
        private int expected;

        Replies(int size) {
            this.wireSize = size + 4;
        }

        void expect(int count, CompletableFuture<Integer> future) {
            outstanding = count;
            expected = count;
            done = future;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            while (in.readableBytes() >= wireSize) {
                if (in.getInt(in.readerIndex()) != wireSize - 4) {
                    done.completeExceptionally(new IllegalStateException("bad echo frame"));
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.skipBytes(wireSize);
                if (--outstanding == 0) {
                    done.complete(expected);
                }
            }
        }
    }
}
