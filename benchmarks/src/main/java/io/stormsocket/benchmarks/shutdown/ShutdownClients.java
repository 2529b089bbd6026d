package io.stormsocket.benchmarks.shutdown;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.stormsocket.benchmarks.Cli;
import io.stormsocket.benchmarks.echo.NettyTransport;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The hidden {@code shutdown-clients} command that {@code shutdown-bench} runs in its own JVM:
 * opens and upgrades {@code --sessions} WebSocket connections, prints {@value #READY}, waits until
 * the server has closed every one (at most {@code --wait} seconds), and prints
 * {@code CLOSED going_away=... not_closed=... errors=...}, where {@code going_away} counts the
 * connections that read Close 1001 before they ended.
 *
 * <p>Threading: the command's thread connects and waits; the connections live on one event loop.
 */
public final class ShutdownClients {
    /** Printed once every connection is upgraded. */
    static final String READY = "READY";
    /** Starts the line printed once every connection has ended. */
    static final String CLOSED = "CLOSED";
    private static final int MAX_PENDING_CONNECTS = 256;
    private static final long UPGRADE_WAIT_SECONDS = 120;

    private ShutdownClients() {
    }

    /**
     * Runs the clients: {@code --port N --sessions N --wait seconds}.
     *
     * @param args the arguments
     * @throws Exception if the event loop cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = 0;
        int sessions = 0;
        long waitSeconds = 60;
        for (int i = 0; i < args.length; i += 2) {
            String value = Cli.value(args, i);
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--sessions" -> sessions = Integer.parseInt(value);
                case "--wait" -> waitSeconds = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        NettyTransport transport = NettyTransport.automatic();
        EventLoopGroup group = transport.newGroup(1, "shutdown-client");
        Tally tally = new Tally(sessions);
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(transport.clientChannel())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new GoingAwayProbe(tally));
                        }
                    });
            Semaphore pending = new Semaphore(MAX_PENDING_CONNECTS);
            for (int i = 0; i < sessions; i++) {
                pending.acquire();
                bootstrap.connect("127.0.0.1", port).addListener(future -> {
                    pending.release();
                    if (!future.isSuccess()) {
                        tally.connectFailed();
                    }
                });
            }
            tally.awaitUpgraded(UPGRADE_WAIT_SECONDS);
            System.out.println(READY + " not_upgraded=" + tally.notUpgraded());
            System.out.flush();
            tally.awaitClosed(waitSeconds);
            System.out.println(CLOSED + " going_away=" + tally.goingAway() + " not_closed=" + tally.notClosed()
                    + " errors=" + tally.errors());
            System.out.flush();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        }
    }
}
