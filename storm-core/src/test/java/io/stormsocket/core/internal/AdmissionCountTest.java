package io.stormsocket.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.codec.FrameCodecs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The per-address count behind {@code maxConnectionsPerAddress}: exact while connections from one
 * address come and go on two threads at once (as on two event loops), and not kept at all without
 * a per-address limit.
 */
class AdmissionCountTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    private static final int ROUNDS = 200_000;

    /** An embedded channel that says it was accepted from {@code remote}. */
    private static EmbeddedChannel acceptedFrom(SocketAddress remote) {
        return new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
    }

    @Test
    void perAddressLimitHoldsWhileConnectionsComeAndGoOnTwoThreads() throws Exception {
        Admission admission = new Admission(ServerConfig.builder().codec(FrameCodecs.raw())
                .maxConnectionsPerAddress(1).build());
        AtomicInteger admittedOpen = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicLong admitted = new AtomicLong();
        List<CompletableFuture<Void>> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            threads.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    EmbeddedChannel channel = acceptedFrom(PEER);
                    if (admission.admit(channel, () -> { })) {
                        admitted.incrementAndGet();
                        mostAtOnce.accumulateAndGet(admittedOpen.incrementAndGet(), Math::max);
                        // Held a moment, so that a count lost on the other thread shows as two at once.
                        Thread.onSpinWait();
                        admittedOpen.decrementAndGet();
                    }
                    channel.finishAndReleaseAll();
                }
            }, runnable -> new Thread(runnable, "admit-" + threads.size()).start()));
        }
        CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(admitted.get()).as("some connections were admitted").isPositive();
        assertThat(mostAtOnce.get()).as("connections from one address admitted at once, limit 1").isEqualTo(1);
        assertThat(admission.active()).isZero();
        assertThat(admission.trackedAddresses()).isZero();
    }

    @Test
    void noPerAddressCountWithoutAPerAddressLimit() {
        Admission admission = new Admission(ServerConfig.builder().codec(FrameCodecs.raw()).build());
        List<EmbeddedChannel> channels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EmbeddedChannel channel = acceptedFrom(PEER);
            assertThat(admission.admit(channel, () -> { })).isTrue();
            channels.add(channel);
        }

        assertThat(admission.active()).isEqualTo(3);
        assertThat(admission.trackedAddresses()).isZero();
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        assertThat(admission.active()).isZero();
    }
}
