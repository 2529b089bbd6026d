package io.stormsocket.core.spi;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.stormsocket.core.Endpoint;
import java.time.Duration;
import java.util.Optional;

/**
 * The TLS hook: makes the handler that encrypts one connection. storm-ssl implements it with
 * certificates, SNI, mutual TLS and reload; core only places the handler in the pipeline (after
 * any PROXY header, before idle detection and framing), opens the session once the handshake has
 * succeeded, and closes it with {@link io.stormsocket.core.CloseReason#TLS_ERROR} when it fails.
 *
 * <p>The handler is Netty's {@link io.netty.handler.ssl.SslHandler}, or a handler that replaces
 * itself with one (such as {@link io.netty.handler.ssl.SniHandler}); either way the pipeline must
 * see an {@link io.netty.handler.ssl.SslHandshakeCompletionEvent}.
 *
 * <p>Threading: {@link #newHandler} is called on the connection's event loop, concurrently for
 * different connections; implementations must be thread-safe.
 */
public interface TlsHandlerFactory {
    /**
     * Creates the TLS handler for one connection.
     *
     * @param channel the connection's channel (for its allocator and event loop)
     * @param peer for a client, the endpoint it connects to (for SNI and hostname verification);
     *     empty on a server
     * @return the handler to add to the pipeline
     */
    ChannelHandler newHandler(Channel channel, Optional<Endpoint> peer);

    /**
     * Returns how long a handshake may take before the connection is closed.
     *
     * @return the handshake timeout; default 10 seconds
     */
    default Duration handshakeTimeout() {
        return Duration.ofSeconds(10);
    }
}
