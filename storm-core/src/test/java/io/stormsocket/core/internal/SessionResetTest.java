package io.stormsocket.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.embedded.EmbeddedChannel;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a session asks for an RST (SO_LINGER 0) on close: for an abort, yes; for a peer that has
 * already reset the connection, no (there is nobody left to reset, and the setsockopt would be
 * paid once per connection of a reset flood).
 */
class SessionResetTest {
    private StormServer server;
    private LingerRecordingChannel channel;
    private final AtomicReference<Session> session = new AtomicReference<>();
    private final List<Throwable> errors = new ArrayList<>();

    @BeforeEach
    void acceptOneConnection() throws Exception {
        server = StormServer.create(ServerConfig.builder().codec(FrameCodecs.lengthPrefix()).build());
        server.onConnected(session::set);
        server.onError((s, error) -> errors.add(error));
        channel = new LingerRecordingChannel();
        channel.pipeline().addLast(new StormChannelInitializer(SessionSettings.of(server.config()),
                ((DefaultStormServer) server).hub, new AtomicLong(), GroupMembership.NONE, new SessionListener() {
                    @Override
                    public void opened(DefaultSession opened) {
                    }

                    @Override
                    public void closed(DefaultSession closed) {
                    }
                }));
        channel.register();
        assertThat(session.get()).as("the session opened").isNotNull();
    }

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
        server.close();
    }

    @Test
    void peerResetClosesWithoutAskingForAReset() throws Exception {
        IOException reset = new IOException("Connection reset by peer");
        channel.pipeline().fireExceptionCaught(reset);
        channel.runPendingTasks();

        assertThat(session.get().closeFuture().get(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.REMOTE_CLOSE);
        assertThat(errors).containsExactly(reset);
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.lingers).as("SO_LINGER values set").isEmpty();
    }

    @Test
    void abortStillAsksForAReset() throws Exception {
        session.get().abort();
        channel.runPendingTasks();

        assertThat(session.get().closeFuture().get(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.ABORTED);
        assertThat(channel.lingers).as("SO_LINGER values set").containsExactly(0);
    }

    /** An unregistered embedded channel whose config records every SO_LINGER it is given. */
    private static final class LingerRecordingChannel extends EmbeddedChannel {
        private final List<Object> lingers = new ArrayList<>();
        private final ChannelConfig recording;

        LingerRecordingChannel() {
            super(false, false);
            recording = new DefaultChannelConfig(this) {
                @Override
                public <T> boolean setOption(ChannelOption<T> option, T value) {
                    if (option == ChannelOption.SO_LINGER) {
                        lingers.add(value);
                        return true;
                    }
                    return super.setOption(option, value);
                }
            };
        }

        @Override
        public ChannelConfig config() {
            // Null only while the superclass constructor runs.
            return recording == null ? super.config() : recording;
        }
    }
}
