package io.stormsocket.benchmarks.echo;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.kqueue.KQueueServerSocketChannel;
import io.netty.channel.kqueue.KQueueSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.stormsocket.core.Transport;
import io.stormsocket.core.internal.Transports;

/**
 * The transport of the raw-Netty programs, chosen exactly as Storm chooses its own
 * ({@link Transports#resolve(Transport)} with {@link Transport#AUTO}: io_uring, epoll, kqueue, NIO),
 * so the baseline and Storm always run on the same transport.
 */
public final class NettyTransport {
    private final Transport transport;

    private NettyTransport(Transport transport) {
        this.transport = transport;
    }

    /**
     * Returns the transport Storm would pick automatically on this machine.
     *
     * @return the automatic choice
     */
    public static NettyTransport automatic() {
        return new NettyTransport(Transports.resolve(Transport.AUTO));
    }

    /**
     * Returns the chosen transport.
     *
     * @return a concrete transport
     */
    public Transport transport() {
        return transport;
    }

    /**
     * Creates an event loop group of this transport.
     *
     * @param threads the number of event loops
     * @param name the thread name prefix
     * @return a new group the caller shuts down
     */
    public EventLoopGroup newGroup(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
                Transports.ioHandlerFactory(transport));
    }

    /**
     * Returns the server socket channel class of this transport.
     *
     * @return a server channel class
     */
    public Class<? extends ServerChannel> serverChannel() {
        return switch (transport) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case KQUEUE -> KQueueServerSocketChannel.class;
            default -> NioServerSocketChannel.class;
        };
    }

    /**
     * Returns the client socket channel class of this transport.
     *
     * @return a channel class
     */
    public Class<? extends Channel> clientChannel() {
        return switch (transport) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            case KQUEUE -> KQueueSocketChannel.class;
            default -> NioSocketChannel.class;
        };
    }
}
