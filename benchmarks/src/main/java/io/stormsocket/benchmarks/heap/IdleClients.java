package io.stormsocket.benchmarks.heap;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.benchmarks.Cli;
import io.stormsocket.benchmarks.echo.NettyTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hidden {@code idle-clients} command that {@code idle-heap} runs in its own JVM: opens
 * {@code --connections} connections (for {@code ws}, each completes the upgrade: it sends a
 * handshake request and waits for the server's {@code 101}), prints {@value #READY} and the number
 * that failed, then holds them, silent, until its standard input ends.
 *
 * <p>Threading: the command's thread connects and waits; the connections live on one event loop.
 */
public final class IdleClients {
    /** Printed once every connection is open (and upgraded). */
    static final String READY = "READY";
    private static final int MAX_PENDING_CONNECTS = 256;
    private static final byte[] UPGRADE = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private IdleClients() {
    }

    /** Counts a connection as ready when it is open (TCP) or has read the 101 (WebSocket). */
    private static final class Ready extends ChannelInboundHandlerAdapter {
        private final boolean webSocket;
        private final CountDownLatch ready;
        private boolean counted;

        Ready(boolean webSocket, CountDownLatch ready) {
            this.webSocket = webSocket;
            this.ready = ready;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (webSocket) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(UPGRADE));
            } else {
                count();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (webSocket && ((ByteBuf) msg).toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
                    count();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void count() {
            if (!counted) {
                counted = true;
                ready.countDown();
            }
        }
    }

    /**
     * Runs the clients: {@code --port N --connections N --proto tcp|ws}.
     *
     * @param args the arguments
     * @throws Exception if the event loop cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = 0;
        int connections = 0;
        boolean webSocket = false;
        for (int i = 0; i < args.length; i += 2) {
            String value = Cli.value(args, i);
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--proto" -> webSocket = value.equals("ws");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        NettyTransport transport = NettyTransport.automatic();
        EventLoopGroup group = transport.newGroup(1, "idle-client");
        CountDownLatch ready = new CountDownLatch(connections);
        AtomicInteger failed = new AtomicInteger();
        boolean ws = webSocket;
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(transport.clientChannel())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new Ready(ws, ready));
                        }
                    });
            Semaphore pending = new Semaphore(MAX_PENDING_CONNECTS);
            for (int i = 0; i < connections; i++) {
                pending.acquire();
                bootstrap.connect("127.0.0.1", port).addListener(future -> {
                    pending.release();
                    if (!future.isSuccess()) {
                        failed.incrementAndGet();
                        ready.countDown();
                    }
                });
            }
            if (!ready.await(120, TimeUnit.SECONDS)) {
                failed.addAndGet((int) ready.getCount());
            }
            System.out.println(READY + " failed=" + failed.get());
            System.out.flush();
            waitForEndOfInput();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        }
    }

    private static void waitForEndOfInput() {
        try {
            while (System.in.read() != -1) {
                // The parent never writes; it closes our input when it is done.
            }
        } catch (IOException e) {
            // Treated like the end of input.
        }
    }
}
