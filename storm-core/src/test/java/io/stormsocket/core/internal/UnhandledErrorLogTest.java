package io.stormsocket.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A peer reset on a server without an {@code onError} subscriber is logged at DEBUG only; with
 * DEBUG off (as in these tests) the error is not even formatted, so a flood of resets costs no
 * string per reset.
 */
class UnhandledErrorLogTest {

    /** A reset whose message formatting is counted. */
    private static final class CountedReset extends IOException {
        private static final long serialVersionUID = 1L;
        private final AtomicInteger formatted;

        CountedReset(AtomicInteger formatted) {
            super("Connection reset by peer");
            this.formatted = formatted;
        }

        @Override
        public String toString() {
            formatted.incrementAndGet();
            return super.toString();
        }
    }

    @Test
    void unhandledPeerResetIsNotFormattedWhileDebugIsOff() throws Exception {
        assumeThat(LoggerFactory.getLogger(EventHub.class).isDebugEnabled()).as("DEBUG off for EventHub").isFalse();
        StormServer server = StormServer.create(ServerConfig.builder().codec(FrameCodecs.lengthPrefix()).build());
        AtomicReference<Session> session = new AtomicReference<>();
        server.onConnected(session::set);
        EmbeddedChannel channel = EmbeddedSessions.accept(server);
        try {
            AtomicInteger formatted = new AtomicInteger();
            channel.pipeline().fireExceptionCaught(new CountedReset(formatted));
            channel.runPendingTasks();

            assertThat(session.get().closeFuture().get(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.REMOTE_CLOSE);
            assertThat(formatted.get()).as("times the reset was formatted").isZero();
        } finally {
            channel.finishAndReleaseAll();
            server.close();
        }
    }
}
