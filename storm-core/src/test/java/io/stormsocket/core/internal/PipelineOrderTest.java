package io.stormsocket.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.IdleTimeouts;
import io.stormsocket.core.SlowConsumerPolicy;
import io.stormsocket.core.codec.FrameCodecs;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PipelineOrderTest {

    private static List<String> pipelineNames(SessionSettings settings) {
        EmbeddedChannel channel = new EmbeddedChannel(
                new StormChannelInitializer(settings, new EventHub(), new AtomicLong(), GroupMembership.NONE, new SessionListener() {
                    @Override
                    public void opened(DefaultSession session) {
                    }

                    @Override
                    public void closed(DefaultSession session) {
                    }
                }));
        try {
            return channel.pipeline().names().stream().filter(name -> name.startsWith("storm-")).toList();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void minimalPipelineHasTrafficDecoderAndSession() {
        assertThat(pipelineNames(new SessionSettings(FrameCodecs.raw(), IdleTimeouts.none(), null, 1024, false, 1024, 4096, SlowConsumerPolicy.WAIT, null, null, null)))
                .containsExactly(PipelineNames.TRAFFIC, PipelineNames.FRAME_DECODER, PipelineNames.SESSION);
    }

    @Test
    void fullPipelineFollowsTheDocumentedOrder() {
        IdleTimeouts idle = IdleTimeouts.builder().reader(Duration.ofSeconds(30)).build();
        assertThat(pipelineNames(new SessionSettings(FrameCodecs.lines(), idle, null, 1024, true, 1024, 4096, SlowConsumerPolicy.WAIT,
                (channel, peer) -> new io.netty.channel.ChannelInboundHandlerAdapter(), null, null)))
                .containsExactly(PipelineNames.TRAFFIC, PipelineNames.PROXY_DECODER, PipelineNames.PROXY_HEADER,
                        PipelineNames.TLS, PipelineNames.IDLE, PipelineNames.FRAME_DECODER, PipelineNames.SESSION);
    }
}
