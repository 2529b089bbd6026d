package io.stormsocket.benchmarks.broadcast;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.stormsocket.benchmarks.Cli;
import io.stormsocket.benchmarks.echo.NettyTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The hidden {@code broadcast-subscribers} command, run by {@code broadcast-bench} in its own JVM:
 * opens {@code --sessions} connections to the broadcast server (at most
 * {@value #MAX_PENDING_CONNECTS} connects at a time, so the server's backlog never overflows),
 * prints {@value #READY} once all are open, then lets each {@link SubscriberHandler} check its
 * stream until every session has seen the end marker (or failed, or {@code --timeout} passed),
 * and prints one {@link SubscriberReport} line.
 *
 * <p>Threading: the command's thread connects and waits; the sessions live on the event loops.
 */
public final class BroadcastSubscribers {
    /** The line printed once every session is connected. */
    static final String READY = "READY";
    private static final int MAX_PENDING_CONNECTS = 256;
    private static final int MAX_REPORTED_ERRORS = 10;

    private final int sessions;
    private final Map<EventExecutor, Histogram> histograms = new ConcurrentHashMap<>();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAccumulator lastReceive = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final CountDownLatch finished;

    private BroadcastSubscribers(int sessions) {
        this.sessions = sessions;
        this.finished = new CountDownLatch(sessions);
    }

    /** Called once per session, on its event loop: at the end marker, or when it fails. */
    void sessionFinished(long sessionDeliveries, long sessionLastReceive, String error) {
        deliveries.add(sessionDeliveries);
        if (sessionDeliveries > 0) {
            lastReceive.accumulate(sessionLastReceive);
        }
        if (error != null) {
            errors.increment();
            if (errors.sum() <= MAX_REPORTED_ERRORS) {
                System.err.println("broadcast-subscribers: " + error);
            }
        }
        finished.countDown();
    }

    private SubscriberReport run(String host, int port, int size, int ioThreads, Duration timeout) throws Exception {
        NettyTransport transport = NettyTransport.automatic();
        EventLoopGroup group = transport.newGroup(ioThreads, "subscriber");
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(transport.clientChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new SubscriberHandler(BroadcastSubscribers.this,
                                    histograms.computeIfAbsent(ch.eventLoop(), loop -> new Histogram(3)), size));
                        }
                    });
            Semaphore pending = new Semaphore(MAX_PENDING_CONNECTS);
            CountDownLatch attempted = new CountDownLatch(sessions);
            for (int i = 0; i < sessions; i++) {
                pending.acquire();
                bootstrap.connect(host, port).addListener(future -> {
                    pending.release();
                    if (!future.isSuccess()) {
                        sessionFinished(0, 0, "connect failed: " + future.cause());
                    }
                    attempted.countDown();
                });
            }
            attempted.await();
            System.out.println(READY);
            System.out.flush();
            if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                long missing = finished.getCount();
                errors.add(missing);
                System.err.println("broadcast-subscribers: " + missing + " sessions saw no end marker within " + timeout);
            }
        } finally {
            // Closing the loops also orders every histogram write before the reads below.
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        }
        Histogram all = new Histogram(3);
        for (Histogram h : histograms.values()) {
            all.add(h);
        }
        long last = deliveries.sum() > 0 ? lastReceive.get() : 0;
        return new SubscriberReport(deliveries.sum(), last, all.getValueAtPercentile(50) / 1e3,
                all.getValueAtPercentile(99) / 1e3, all.getMaxValue() / 1e3, errors.sum());
    }

    /**
     * The command holds this JVM's standard input open and never writes to it: end of input means
     * the command is gone, and the subscribers must not outlive it.
     */
    private static void exitWhenParentGoes() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // Nothing is ever sent; read until the end of input.
                }
            } catch (IOException e) {
                // Treated like the end of input.
            }
            System.err.println("broadcast-subscribers: the command ended; exiting");
            System.exit(3);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Runs the subscribers: {@code --host H --port N --sessions N --size bytes --io-threads N
     * --timeout seconds}; prints {@code READY}, then one {@code SUBSCRIBERS ...} line.
     *
     * @param args the command's arguments
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 0;
        int sessions = 1;
        int size = 32;
        int ioThreads = Runtime.getRuntime().availableProcessors();
        Duration timeout = Duration.ofSeconds(60);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = Cli.value(args, i++);
            switch (name) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--sessions" -> sessions = Integer.parseInt(value);
                case "--size" -> size = Integer.parseInt(value);
                case "--io-threads" -> ioThreads = Integer.parseInt(value);
                case "--timeout" -> timeout = Cli.seconds(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        exitWhenParentGoes();
        SubscriberReport report = new BroadcastSubscribers(sessions).run(host, port, size, ioThreads, timeout);
        System.out.println(report.line());
        System.out.flush();
    }
}
