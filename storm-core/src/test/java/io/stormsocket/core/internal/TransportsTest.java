package io.stormsocket.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.uring.IoUring;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.Transport;
import io.stormsocket.testing.Await;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TransportsTest {

    @Test
    void ioUringCompletionQueueHoldsTenThousandSimultaneousCompletions() {
        Assumptions.assumeTrue(System.getProperty("io.netty.iouring.cqSize") == null,
                "the JVM chose its own completion-queue size");
        assertThat(Transports.ioUringConfig().getCqSize()).isGreaterThanOrEqualTo(10_000)
                .isEqualTo(Transports.IO_URING_CQ_SIZE);
    }

    @Test
    void ioUringEventLoopsStartWithStormsCompletionQueueSize() {
        Assumptions.assumeTrue(IoUring.isAvailable(), "io_uring is not available here");
        StormServer server = StormServer.create(ServerConfig.builder().endpoint(Endpoint.tcp("127.0.0.1", 0))
                .transport(Transport.IO_URING).build());
        try {
            Await.result(server.start());
            assertThat(server.port()).isPositive();
        } finally {
            server.close();
        }
    }
}
