package io.stormsocket.core.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.stormsocket.core.spi.SessionReadyEvent;
import java.net.InetSocketAddress;

/**
 * Takes the PROXY protocol header Netty's decoder produced, makes the real client's address the
 * session's remote address, then removes itself and lets the session open. A LOCAL command (a
 * proxy's own health check) keeps the socket's address. Runs on the event loop.
 */
final class ProxyHeaderHandler extends ChannelInboundHandlerAdapter {
    private final DefaultSession session;

    ProxyHeaderHandler(DefaultSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (header.command() == HAProxyCommand.PROXY && isInet(header.proxiedProtocol())) {
                session.remoteAddressOverride(new InetSocketAddress(header.sourceAddress(), header.sourcePort()));
            }
        } finally {
            header.release();
        }
        ctx.fireUserEventTriggered(SessionReadyEvent.INSTANCE);
        ctx.pipeline().remove(this);
    }

    private static boolean isInet(HAProxyProxiedProtocol protocol) {
        return protocol == HAProxyProxiedProtocol.TCP4 || protocol == HAProxyProxiedProtocol.TCP6;
    }
}
