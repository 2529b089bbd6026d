package io.stormsocket.core.internal;

import io.netty.channel.Channel;
import io.stormsocket.core.AsyncConnectionFilter;
import io.stormsocket.core.ConnectionFilter;
import io.stormsocket.core.ServerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accept-time admission of a server's connections: the total and per-address connection limits,
 * then the synchronous filters, then the asynchronous ones. A refused connection is closed at once
 * and counted; an admitted one has its pipeline built (later, for asynchronous filters, with reads
 * held until the decision).
 *
 * <p>Threading: {@link #admit} runs on the accepted channel's event loop; counters are atomic and
 * released by the channel's close listener on any loop.
 */
final class Admission {
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

    private final int maxConnections;
    private final int maxPerAddress;
    private final List<ConnectionFilter> filters;
    private final List<AsyncConnectionFilter> asyncFilters;
    private final AtomicInteger active = new AtomicInteger();
    /**
     * Open connections per address, kept only under a per-address limit. A count is taken and
     * given back inside the map's own per-key atomic operations (an entry leaves the map when its
     * count reaches zero), so an address's last connection closing on one event loop while a new
     * one from it is accepted on another cannot leave the new one counted in a removed entry.
     */
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    Admission(ServerConfig config) {
        this.maxConnections = config.maxConnections();
        this.maxPerAddress = config.maxConnectionsPerAddress();
        this.filters = config.connectionFilters();
        this.asyncFilters = config.asyncConnectionFilters();
    }

    int active() {
        return active.get();
    }

    long accepted() {
        return accepted.get();
    }

    long rejected() {
        return rejected.get();
    }

    /** {@return how many addresses have a per-address count (tests)} */
    int trackedAddresses() {
        return perAddress.size();
    }

    /**
     * Admits or refuses a freshly accepted channel.
     *
     * @param channel the accepted channel, registered and active
     * @param build builds the Storm pipeline
     * @return {@code true} if the pipeline was built now; {@code false} if the channel was refused
     *     or waits for an asynchronous filter (which then builds it and fires channelActive itself)
     */
    boolean admit(Channel channel, Runnable build) {
        SocketAddress remote = channel.remoteAddress();
        if (!reserve(channel, remote)) {
            refuse(channel, "connection limit");
            return false;
        }
        for (ConnectionFilter filter : filters) {
            boolean ok;
            try {
                ok = filter.accept(remote);
            } catch (Exception e) {
                LOG.warn("Connection filter threw for {}; refusing", remote, e);
                ok = false;
            }
            if (!ok) {
                refuse(channel, "filter");
                return false;
            }
        }
        if (asyncFilters.isEmpty()) {
            accepted.incrementAndGet();
            return true;
        }
        channel.config().setAutoRead(false);
        decide(remote, 0).whenComplete((ok, error) -> channel.eventLoop().execute(() -> {
            if (error != null) {
                LOG.warn("Async connection filter failed for {}; refusing", remote, error);
            }
            if (!Boolean.TRUE.equals(ok) || !channel.isActive()) {
                refuse(channel, "async filter");
                return;
            }
            accepted.incrementAndGet();
            build.run();
            channel.pipeline().fireChannelActive();
            channel.config().setAutoRead(true);
        }));
        return false;
    }

    private CompletionStage<Boolean> decide(SocketAddress remote, int index) {
        if (index == asyncFilters.size()) {
            return CompletableFuture.completedFuture(true);
        }
        CompletionStage<Boolean> stage;
        try {
            stage = asyncFilters.get(index).accept(remote);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return stage.thenCompose(ok -> Boolean.TRUE.equals(ok) ? decide(remote, index + 1)
                : CompletableFuture.completedFuture(false));
    }

    /** Counts the connection against the limits, releasing the counts when it closes. */
    private boolean reserve(Channel channel, SocketAddress remote) {
        int total = active.incrementAndGet();
        InetAddress address = maxPerAddress > 0 && remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
        int forAddress = address == null ? 0 : perAddress.merge(address, 1, Integer::sum);
        channel.closeFuture().addListener(closed -> release(address));
        return (maxConnections == 0 || total <= maxConnections) && (address == null || forAddress <= maxPerAddress);
    }

    private void release(InetAddress address) {
        active.decrementAndGet();
        if (address != null) {
            perAddress.computeIfPresent(address, (a, count) -> count == 1 ? null : count - 1);
        }
    }

    private void refuse(Channel channel, String why) {
        rejected.incrementAndGet();
        LOG.debug("Refused connection from {} ({})", channel.remoteAddress(), why);
        channel.close();
    }
}
