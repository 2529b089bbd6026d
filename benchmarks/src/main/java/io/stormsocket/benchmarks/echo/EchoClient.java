package io.stormsocket.benchmarks.echo;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The echo load client, written on raw Netty so that the same client measures Storm and the
 * baseline. Each connection keeps {@code -m} messages in flight: it sends {@code -m} at once
 * (after the WebSocket upgrade for ws and wss), then one new message for every echo it gets. Over
 * WebSocket each payload travels as one binary message ({@link WebSocketEchoClientHandler}); over
 * tcp and tls in the chosen framing ({@link EchoClientHandler}). Every echo is checked byte for
 * byte against what was sent (payload {@code n} of a connection is a known pattern shifted by
 * {@code n}), and its round trip, from the read batch that triggered the send to the read batch
 * that got the echo, is recorded in an HdrHistogram, one per event loop.
 *
 * <p>Threading: {@link #run(EchoClientOptions)} blocks the calling thread for warm-up plus
 * duration; the connections live on the client's own event loops.
 */
public final class EchoClient {
    private static final int PATTERN_PERIOD = 26;
    private static final long READY_TIMEOUT_SECONDS = 30;

    private final EchoClientOptions options;
    private final ByteBuf pattern;
    private final Map<EventExecutor, Histogram> histograms = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final CountDownLatch ready;
    private volatile boolean measuring;
    private volatile boolean stopping;

    private EchoClient(EchoClientOptions options) {
        this.options = options;
        byte[] bytes = new byte[options.size() + PATTERN_PERIOD];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('a' + i % PATTERN_PERIOD);
        }
        this.pattern = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly());
        this.ready = new CountDownLatch(options.clients());
    }

    /**
     * Connects, warms up, measures for the configured duration and disconnects.
     *
     * @param options what to run
     * @return the measurement
     * @throws Exception if a connection cannot be made
     */
    public static EchoResult run(EchoClientOptions options) throws Exception {
        return new EchoClient(options).measure();
    }

    private EchoResult measure() throws Exception {
        NettyTransport transport = NettyTransport.automatic();
        SslContext ssl = options.proto().secure() ? Tls.clientContext() : null;
        EventLoopGroup group = transport.newGroup(options.ioThreads(), "echo-client");
        List<Channel> channels = new ArrayList<>();
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(transport.clientChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            if (ssl != null) {
                                ch.pipeline().addLast(ssl.newHandler(ch.alloc(), options.host(), options.port()));
                            }
                            Histogram histogram = histograms.computeIfAbsent(ch.eventLoop(), loop -> new Histogram(3));
                            if (options.proto().webSocket()) {
                                WebSocketEchoClientHandler.addTo(ch.pipeline(), EchoClient.this, histogram);
                            } else {
                                ch.pipeline().addLast(new EchoClientHandler(EchoClient.this, histogram));
                            }
                        }
                    });
            List<ChannelFuture> connects = new ArrayList<>();
            for (int i = 0; i < options.clients(); i++) {
                connects.add(bootstrap.connect(options.host(), options.port()));
            }
            for (ChannelFuture connect : connects) {
                channels.add(connect.sync().channel());
            }
            if (!ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(ready.getCount() + " of " + options.clients()
                        + " connections did not get ready (handshake) within " + READY_TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(options.warmup().toMillis());
            long start = System.nanoTime();
            measuring = true;
            Thread.sleep(options.duration().toMillis());
            measuring = false;
            long elapsed = System.nanoTime() - start;
            stopping = true;
            for (Channel channel : channels) {
                channel.close();
            }
            for (Channel channel : channels) {
                channel.closeFuture().sync();
            }
            return result(elapsed);
        } finally {
            stopping = true;
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        }
    }

    private EchoResult result(long elapsedNanos) {
        Histogram all = new Histogram(3);
        // Each histogram is written on its event loop only; the loops are closed now (the close
        // futures above completed on them), so reading here sees every value.
        for (Histogram h : histograms.values()) {
            all.add(h);
        }
        double seconds = elapsedNanos / 1e9;
        double msgs = received.sum() / seconds;
        double mib = msgs * options.size() / (1024.0 * 1024.0);
        return new EchoResult(options.proto(), msgs, mib, all.getValueAtPercentile(50) / 1e3,
                all.getValueAtPercentile(99) / 1e3, all.getValueAtPercentile(99.9) / 1e3, errors.sum());
    }

    EchoClientOptions options() {
        return options;
    }

    ByteBuf pattern() {
        return pattern;
    }

    int patternPeriod() {
        return PATTERN_PERIOD;
    }

    boolean measuring() {
        return measuring;
    }

    boolean stopping() {
        return stopping;
    }

    /** Called once per connection when it starts sending (after connect, or after the upgrade). */
    void connectionReady() {
        ready.countDown();
    }

    void countReceived(long count) {
        received.add(count);
    }

    void countError() {
        errors.increment();
    }

    /**
     * Runs the {@code echo-client} command and prints its {@code RESULT} line.
     *
     * @param args the command's arguments
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        EchoClientOptions options = EchoClientOptions.parse(args);
        System.out.println("# echo-client " + options + " transport=" + NettyTransport.automatic().transport()
                + " java=" + System.getProperty("java.version"));
        System.out.flush();
        EchoResult result = run(options);
        byte[] line = (result.line() + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII);
        System.out.write(line, 0, line.length);
        System.out.flush();
    }
}
