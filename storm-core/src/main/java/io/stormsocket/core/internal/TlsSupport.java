package io.stormsocket.core.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslHandler;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.spi.TlsHandlerFactory;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** Creates TLS handlers from the hook and recognises TLS failures. */
final class TlsSupport {
    private TlsSupport() {
    }

    static ChannelHandler newHandler(TlsHandlerFactory tls, Channel channel, Endpoint peer) {
        ChannelHandler handler = tls.newHandler(channel, Optional.ofNullable(peer));
        if (handler instanceof SslHandler ssl) {
            ssl.setHandshakeTimeout(tls.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        return handler;
    }

    /** Tells whether a failure came from TLS: a handshake or record error, possibly wrapped. */
    static boolean isTlsFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }
}
