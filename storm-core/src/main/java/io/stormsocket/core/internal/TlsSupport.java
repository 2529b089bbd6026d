package io.stormsocket.core.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslHandler;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.spi.TlsHandlerFactory;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

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

    /**
     * Returns a failed handshake's cause as a TLS failure: Netty's SNI stage reports an oversized
     * ClientHello with a TooLongFrameException, which onError should still see as an SSLException.
     */
    static Throwable asTlsFailure(Throwable cause) {
        if (isTlsFailure(cause)) {
            return cause;
        }
        SSLHandshakeException failure = new SSLHandshakeException("TLS handshake failed: " + cause);
        failure.initCause(cause);
        return failure;
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
