package io.stormsocket.core.internal;

import io.netty.channel.embedded.EmbeddedChannel;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test access to a server's whole connection pipeline without a socket: an {@link EmbeddedChannel}
 * built by the same {@link StormChannelInitializer} a bound server gives each accepted connection,
 * whose events reach the server's subscribers (or the same for a client's connection). The server
 * need not be started, nor the client connected. Fuzz tests feed such a channel peer bytes and
 * look at what it writes back.
 */
public final class EmbeddedSessions {
    private EmbeddedSessions() {
    }

    /**
     * Opens one connection to {@code server} as it would be accepted from the network, except that
     * admission limits are not applied and the session joins no registry or group.
     *
     * @param server a server made by {@code StormServer.create} (its protocol, codec and TLS hook
     *     are used; handlers registered on it receive the session's events)
     * @return the active channel; finish it with {@code finishAndReleaseAll()}
     */
    public static EmbeddedChannel accept(StormServer server) {
        DefaultStormServer storm = (DefaultStormServer) server;
        return new EmbeddedChannel(new StormChannelInitializer(SessionSettings.of(server.config()), storm.hub,
                new AtomicLong(), GroupMembership.NONE, new SessionListener() {
                    @Override
                    public void opened(DefaultSession session) {
                    }

                    @Override
                    public void closed(DefaultSession session) {
                    }
                }));
    }

    /**
     * Opens one connection of {@code client} as if its connect had just succeeded: the client's
     * pipeline (its protocol, codec and TLS hook) on an {@link EmbeddedChannel}, without the
     * client's connect, reconnect or offline-buffer machinery.
     *
     * @param client a client made by {@code StormClient.create} (handlers registered on it
     *     receive the session's events)
     * @return the active channel; finish it with {@code finishAndReleaseAll()}
     */
    public static EmbeddedChannel connect(StormClient client) {
        DefaultStormClient storm = (DefaultStormClient) client;
        return new EmbeddedChannel(new StormChannelInitializer(SessionSettings.of(client.config()), storm.hub,
                new AtomicLong(), GroupMembership.NONE, new SessionListener() {
                    @Override
                    public void opened(DefaultSession session) {
                    }

                    @Override
                    public void closed(DefaultSession session) {
                    }
                }));
    }
}
