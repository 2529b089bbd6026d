package io.stormsocket.core.internal;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.kqueue.KQueue;
import io.netty.channel.kqueue.KQueueDomainSocketChannel;
import io.netty.channel.kqueue.KQueueIoHandler;
import io.netty.channel.kqueue.KQueueServerDomainSocketChannel;
import io.netty.channel.kqueue.KQueueServerSocketChannel;
import io.netty.channel.kqueue.KQueueSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDomainSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.Transport;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks and describes a transport: its {@link IoHandlerFactory}, its channel classes for TCP and
 * Unix domain sockets, and how it spells a socket address. Stateless apart from a log-once flag.
 */
public final class Transports {
    /** Storm's smallest io_uring completion queue, in entries (a power of two). */
    static final int IO_URING_CQ_SIZE = 16_384;
    private static final String IO_URING_CQ_SIZE_PROPERTY = "io.netty.iouring.cqSize";
    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private Transports() {
    }

    /**
     * Resolves {@link Transport#AUTO} to the best available transport, or checks that an explicit
     * one is available.
     *
     * @param requested the configured transport
     * @return a concrete transport
     * @throws IllegalStateException when an explicit transport is unavailable here
     */
    public static Transport resolve(Transport requested) {
        if (requested == Transport.AUTO) {
            Transport chosen = isAvailable(Transport.IO_URING) ? Transport.IO_URING
                    : isAvailable(Transport.EPOLL) ? Transport.EPOLL
                    : isAvailable(Transport.KQUEUE) ? Transport.KQUEUE
                    : Transport.NIO;
            if (LOGGED.compareAndSet(false, true)) {
                LOG.info("Storm transport: {} (automatic choice)", chosen);
            }
            return chosen;
        }
        if (!isAvailable(requested)) {
            throw new IllegalStateException("transport " + requested + " is not available here: "
                    + unavailabilityCause(requested));
        }
        return requested;
    }

    /**
     * Tells whether a transport works on this machine.
     *
     * @param transport a concrete transport
     * @return {@code true} if its native parts loaded
     */
    public static boolean isAvailable(Transport transport) {
        return switch (transport) {
            case IO_URING -> IoUring.isAvailable();
            case EPOLL -> Epoll.isAvailable();
            case KQUEUE -> KQueue.isAvailable();
            case NIO, AUTO -> true;
        };
    }

    private static String unavailabilityCause(Transport transport) {
        Throwable cause = switch (transport) {
            case IO_URING -> IoUring.unavailabilityCause();
            case EPOLL -> Epoll.unavailabilityCause();
            case KQUEUE -> KQueue.unavailabilityCause();
            default -> null;
        };
        return cause == null ? "unknown" : cause.toString();
    }

    /**
     * Returns the I/O handler factory of a concrete transport.
     *
     * @param transport a resolved transport
     * @return its factory
     */
    public static IoHandlerFactory ioHandlerFactory(Transport transport) {
        return switch (transport) {
            case IO_URING -> IoUringIoHandler.newFactory(ioUringConfig());
            case EPOLL -> EpollIoHandler.newFactory();
            case KQUEUE -> KQueueIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    /**
     * Returns the io_uring configuration of Storm's event loops: Netty's, with a completion queue
     * of at least {@value #IO_URING_CQ_SIZE} entries unless {@code -Dio.netty.iouring.cqSize} chose
     * a size. With Netty's default of 4,096, ten thousand connections closing at once overflow the
     * queue: the kernel keeps the overflow, so nothing is lost, but every overflow logs a warning.
     * The larger queue costs 16 bytes an entry per event loop.
     *
     * @return a new configuration
     */
    static IoUringIoHandlerConfig ioUringConfig() {
        IoUringIoHandlerConfig config = new IoUringIoHandlerConfig();
        if (System.getProperty(IO_URING_CQ_SIZE_PROPERTY) == null && config.getCqSize() < IO_URING_CQ_SIZE) {
            config.setCqSize(IO_URING_CQ_SIZE);
        }
        return config;
    }

    static Class<? extends ServerChannel> serverChannel(Transport transport, boolean unixDomain) {
        return switch (transport) {
            case IO_URING -> unixDomain ? IoUringServerDomainSocketChannel.class : IoUringServerSocketChannel.class;
            case EPOLL -> unixDomain ? EpollServerDomainSocketChannel.class : EpollServerSocketChannel.class;
            case KQUEUE -> unixDomain ? KQueueServerDomainSocketChannel.class : KQueueServerSocketChannel.class;
            default -> unixDomain ? NioServerDomainSocketChannel.class : NioServerSocketChannel.class;
        };
    }

    static Class<? extends Channel> clientChannel(Transport transport, boolean unixDomain) {
        return switch (transport) {
            case IO_URING -> unixDomain ? IoUringDomainSocketChannel.class : IoUringSocketChannel.class;
            case EPOLL -> unixDomain ? EpollDomainSocketChannel.class : EpollSocketChannel.class;
            case KQUEUE -> unixDomain ? KQueueDomainSocketChannel.class : KQueueSocketChannel.class;
            default -> unixDomain ? NioDomainSocketChannel.class : NioSocketChannel.class;
        };
    }

    /** Spells an endpoint the way the transport's channels expect. */
    static SocketAddress socketAddress(Transport transport, Endpoint endpoint, boolean dualStack) {
        if (endpoint.isUnixDomain()) {
            String path = endpoint.path().orElseThrow().toString();
            return transport == Transport.NIO ? UnixDomainSocketAddress.of(path) : new DomainSocketAddress(path);
        }
        if (endpoint.host().isEmpty() && !dualStack) {
            return new java.net.InetSocketAddress("0.0.0.0", endpoint.port());
        }
        return endpoint.toInetSocketAddress();
    }
}
