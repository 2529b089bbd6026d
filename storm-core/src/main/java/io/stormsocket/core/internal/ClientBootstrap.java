package io.stormsocket.core.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.SocketOptions;
import io.stormsocket.core.StormResources;
import io.stormsocket.core.Transport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Opens the connection of one client connect attempt: the Netty {@link Bootstrap} with the
 * client's transport, socket options, connect timeout and the shared pipeline initializer.
 *
 * <p>Threading: immutable; {@link #connect} may be called from any thread.
 */
final class ClientBootstrap {
    private final ClientConfig config;
    private final EventHub hub;
    private final AtomicLong ids;
    private final SessionSettings settings;

    ClientBootstrap(ClientConfig config, EventHub hub, AtomicLong ids) {
        this.config = config;
        this.hub = hub;
        this.ids = ids;
        this.settings = SessionSettings.of(config);
    }

    /**
     * Starts connecting.
     *
     * @param resources the event loops to use
     * @param loop the event loop of the client, one of {@code resources}'; the connection is registered on
     *     it (not on the group's next loop: the client took its loop from the group's round robin
     *     already, and taking a second would put every client of a two-loop group on the same loop)
     * @param onOpen called on the event loop when the attempt's session opens
     * @param onClosed called on the event loop when the attempt's session ends, opened or not
     * @return the connect future; it fails when the connection cannot be made
     */
    ChannelFuture connect(StormResources resources, EventLoop loop, Consumer<DefaultSession> onOpen,
            Consumer<DefaultSession> onClosed) {
        boolean unix = config.endpoint().isUnixDomain();
        Transport transport = resources.transport();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(Transports.clientChannel(transport, unix))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        config.maxPendingSendBytes() / 2, config.maxPendingSendBytes()))
                .handler(new StormChannelInitializer(settings, hub, ids, GroupMembership.NONE, new SessionListener() {
                    @Override
                    public void opened(DefaultSession session) {
                        onOpen.accept(session);
                    }

                    @Override
                    public void closed(DefaultSession session) {
                        onClosed.accept(session);
                    }
                }));
        if (!unix) {
            applyTcpOptions(bootstrap, config.socketOptions());
        }
        return bootstrap.connect(Transports.socketAddress(transport, config.endpoint(), true));
    }

    private static void applyTcpOptions(Bootstrap bootstrap, SocketOptions options) {
        bootstrap.option(ChannelOption.TCP_NODELAY, options.tcpNoDelay())
                .option(ChannelOption.SO_KEEPALIVE, options.keepAlive());
        options.receiveBufferSize().ifPresent(size -> bootstrap.option(ChannelOption.SO_RCVBUF, size));
        options.sendBufferSize().ifPresent(size -> bootstrap.option(ChannelOption.SO_SNDBUF, size));
    }
}
