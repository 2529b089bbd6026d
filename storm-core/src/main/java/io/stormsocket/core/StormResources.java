package io.stormsocket.core;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.stormsocket.core.internal.Transports;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Event-loop threads and a transport that several servers and clients can share, so one process
 * can hold thousands of client connections on a handful of threads.
 *
 * <pre>{@code
 * try (StormResources shared = StormResources.create(2)) {
 *     for (int i = 0; i < 1000; i++) {
 *         StormClient client = StormClient.create(ClientConfig.builder()
 *                 .endpoint(Endpoint.tcp("127.0.0.1", 5000))
 *                 .resources(shared)
 *                 .build());
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Lifecycle: servers and clients never close resources they were given; close them yourself
 * after the last user has stopped. A server or client configured without resources creates and
 * closes its own.
 */
public final class StormResources implements AutoCloseable {
    private final Transport transport;
    private final MultiThreadIoEventLoopGroup group;
    private final int ioThreads;

    private StormResources(Transport transport, int ioThreads, String threadPrefix) {
        this.transport = Transports.resolve(transport);
        this.ioThreads = ioThreads;
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory(threadPrefix, true),
                Transports.ioHandlerFactory(this.transport));
    }

    /**
     * Creates resources with the automatic transport and one event loop per available processor.
     *
     * @return new resources
     */
    public static StormResources create() {
        return create(Transport.AUTO, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Creates resources with the automatic transport.
     *
     * @param ioThreads the number of event-loop threads, at least 1
     * @return new resources
     */
    public static StormResources create(int ioThreads) {
        return create(Transport.AUTO, ioThreads);
    }

    /**
     * Creates resources with a chosen transport.
     *
     * @param transport the transport, or {@link Transport#AUTO}
     * @param ioThreads the number of event-loop threads, at least 1
     * @return new resources
     * @throws IllegalStateException if the transport is not available on this machine
     */
    public static StormResources create(Transport transport, int ioThreads) {
        return create(transport, ioThreads, "storm-io");
    }

    /**
     * Creates resources with a chosen transport and thread-name prefix.
     *
     * @param transport the transport, or {@link Transport#AUTO}
     * @param ioThreads the number of event-loop threads, at least 1
     * @param threadPrefix prefix of the event-loop thread names
     * @return new resources
     * @throws IllegalStateException if the transport is not available on this machine
     */
    public static StormResources create(Transport transport, int ioThreads, String threadPrefix) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1: " + ioThreads);
        }
        return new StormResources(transport, ioThreads, threadPrefix);
    }

    /**
     * Returns the transport in use (never {@link Transport#AUTO}).
     *
     * @return the resolved transport
     */
    public Transport transport() {
        return transport;
    }

    /**
     * Returns the number of event-loop threads.
     *
     * @return the thread count
     */
    public int ioThreads() {
        return ioThreads;
    }

    /**
     * Returns the Netty event-loop group: an escape hatch for code that schedules its own work on
     * Storm's threads.
     *
     * @return the event-loop group
     */
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    /**
     * Shuts the event loops down gracefully, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait for the threads to end
     * @return {@code true} if every thread ended in time
     */
    public boolean shutdown(Duration timeout) {
        group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return group.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Shuts the event loops down, waiting up to 5 seconds. */
    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "StormResources[transport=" + transport + ", ioThreads=" + ioThreads + "]";
    }
}
