package io.stormsocket.core.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.stormsocket.core.IdleTimeouts;
import io.stormsocket.core.spi.ProtocolConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the whole pipeline of every Storm connection, server and client side, in the order
 * {@link PipelineNames} draws. Nothing else adds handlers. Shared by all channels of one server or
 * client.
 */
final class StormChannelInitializer extends ChannelInitializer<Channel> {
    private final SessionSettings settings;
    private final EventHub hub;
    private final AtomicLong ids;
    private final GroupMembership groups;
    private final SessionListener listener;
    private final Admission admission;

    StormChannelInitializer(SessionSettings settings, EventHub hub, AtomicLong ids, GroupMembership groups,
                            SessionListener listener) {
        this(settings, hub, ids, groups, listener, null);
    }

    /** A server's initializer: every accepted connection passes {@code admission} first. */
    StormChannelInitializer(SessionSettings settings, EventHub hub, AtomicLong ids, GroupMembership groups,
                            SessionListener listener, Admission admission) {
        this.settings = settings;
        this.hub = hub;
        this.ids = ids;
        this.groups = groups;
        this.listener = listener;
        this.admission = admission;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (admission == null || admission.admit(channel, () -> build(channel))) {
            build(channel);
        }
    }

    private void build(Channel channel) {
        SessionSettings sessionSettings = settings.forNewSession();
        ProtocolConnection protocol = settings.protocol() == null ? null : settings.protocol().newConnection(channel);
        DefaultSession session = new DefaultSession(ids.incrementAndGet(), channel, hub, sessionSettings, groups,
                listener, protocol);

        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(PipelineNames.TRAFFIC, new TrafficHandler(session.stats()));
        if (settings.proxyProtocol()) {
            pipeline.addLast(PipelineNames.PROXY_DECODER, new HAProxyMessageDecoder());
            pipeline.addLast(PipelineNames.PROXY_HEADER, new ProxyHeaderHandler(session));
        }
        if (settings.tls() != null) {
            pipeline.addLast(PipelineNames.TLS, TlsSupport.newHandler(settings.tls(), channel, settings.peer()));
        }
        IdleTimeouts idle = settings.idleTimeouts();
        if (idle.enabled()) {
            pipeline.addLast(PipelineNames.IDLE, new IdleStateHandler(false,
                    nanos(idle.reader().orElse(null)), nanos(idle.writer().orElse(null)), nanos(idle.all().orElse(null)),
                    TimeUnit.NANOSECONDS));
        }
        if (protocol != null) {
            protocol.initPipeline(pipeline, session);
        } else {
            pipeline.addLast(PipelineNames.FRAME_DECODER, new FrameDecoderHandler(sessionSettings.codec(),
                    sessionSettings.handlerExecutor() == null ? null : session::decodedBytesPerFrame));
        }
        int gates = (settings.proxyProtocol() ? 1 : 0) + (settings.tls() != null ? 1 : 0)
                + (protocol != null && protocol.hasHandshake() ? 1 : 0);
        pipeline.addLast(PipelineNames.SESSION, new SessionHandler(session, gates, idle));
        listener.created(session);
    }

    private static long nanos(Duration d) {
        return d == null ? 0 : d.toNanos();
    }
}
