package io.stormsocket.core.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.HandshakeException;
import io.stormsocket.core.IdleKind;
import io.stormsocket.core.IdleTimeouts;
import io.stormsocket.core.ProtocolException;
import io.stormsocket.core.spi.SessionReadyEvent;
import java.io.IOException;

/**
 * The last handler of every Storm pipeline: turns channel events into session events. The session
 * opens once every handshake stage ahead of it (PROXY header, TLS) has reported ready. Every
 * exception that reaches it is classified, reported and answered with a close, so none escapes
 * into Netty's "exceptionCaught not handled" log. Runs on the event loop.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
    private final DefaultSession session;
    private final IdleTimeouts idle;
    /** Handshake stages that have not reported ready yet. */
    private int pendingGates;

    SessionHandler(DefaultSession session, int gates, IdleTimeouts idle) {
        this.session = session;
        this.pendingGates = gates;
        this.idle = idle;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (pendingGates == 0) {
            session.open();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!session.isOpen()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        session.frameReceived(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.readComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SessionReadyEvent) {
            gatePassed();
        } else if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (!handshake.isSuccess()) {
                // Timeouts arrive only here; other failures also raise exceptionCaught, reported once.
                session.failed(TlsSupport.asTlsFailure(handshake.cause()), CloseReason.TLS_ERROR, true);
            } else if (session.tlsUpgradeInProgress()) {
                session.tlsUpgradeDone(null);
            } else {
                gatePassed();
            }
        } else if (evt instanceof SniCompletionEvent sni && !sni.isSuccess()) {
            // An SNI stage that fails (or times out) before any SslHandler exists.
            session.failed(TlsSupport.asTlsFailure(sni.cause()), CloseReason.TLS_ERROR, true);
        } else if (evt instanceof IdleStateEvent idleEvent) {
            switch (idleEvent.state()) {
                case READER_IDLE -> session.idle(IdleKind.READER, true);
                case WRITER_IDLE -> session.idle(IdleKind.WRITER, idle.closeOnWriterIdle());
                default -> session.idle(IdleKind.ALL, true);
            }
        } else {
            ReferenceCountUtil.release(evt);
        }
    }

    private void gatePassed() {
        if (--pendingGates == 0) {
            session.open();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable error = unwrap(cause);
        if (TlsSupport.isTlsFailure(error)) {
            session.failed(error, CloseReason.TLS_ERROR, true);
        } else if (error instanceof HandshakeException) {
            session.failed(error, CloseReason.PROTOCOL_ERROR, true);
        } else if (error instanceof ProtocolException) {
            session.failed(error, CloseReason.PROTOCOL_ERROR, false);
        } else if (error instanceof HAProxyProtocolException) {
            session.failed(new ProtocolException("invalid PROXY protocol header: " + error.getMessage(), error),
                    CloseReason.PROTOCOL_ERROR, true);
        } else if (cause instanceof DecoderException) {
            // Netty's own decoders (TooLongFrameException, CorruptedFrameException) fail this way.
            session.failed(new ProtocolException("undecodable input: " + error.getMessage(), error),
                    CloseReason.PROTOCOL_ERROR, false);
        } else if (error instanceof IOException) {
            // A reset or broken pipe: the peer is gone. Reported, and the session ends as a remote close.
            session.failed(error, CloseReason.REMOTE_CLOSE, false);
        } else {
            session.failed(error, CloseReason.ERROR, false);
        }
    }

    private static Throwable unwrap(Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() != null) {
            return cause.getCause();
        }
        return cause;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.inactive();
    }
}
