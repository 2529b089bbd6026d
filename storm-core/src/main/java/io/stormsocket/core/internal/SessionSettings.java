package io.stormsocket.core.internal;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.IdleTimeouts;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.SlowConsumerPolicy;
import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.core.spi.SessionProtocol;
import io.stormsocket.core.spi.TlsHandlerFactory;
import java.util.concurrent.Executor;

/**
 * What a session needs from its server's or client's configuration, in one place for both sides.
 *
 * @param codec the configured codec; each session asks it for its own instance
 * @param idleTimeouts idle detection
 * @param handlerExecutor where events run, or {@code null} for the event loop
 * @param maxPendingReceiveBytes bytes queued for the executor before reading pauses
 * @param proxyProtocol whether a PROXY header precedes the data
 * @param maxPendingSendBytes unwritten bytes that make the session backpressured
 * @param maxQueuedSendBytes hard cap of unwritten bytes
 * @param slowConsumerPolicy what sends do while backpressured
 * @param tls the TLS hook, or {@code null} for plaintext
 * @param peer the endpoint a client connects to (SNI, hostname checks), or {@code null} on a server
 * @param protocol the wire protocol replacing the codec, or {@code null}
 */
record SessionSettings(FrameCodec<?> codec, IdleTimeouts idleTimeouts, Executor handlerExecutor,
                       int maxPendingReceiveBytes, boolean proxyProtocol, int maxPendingSendBytes,
                       long maxQueuedSendBytes, SlowConsumerPolicy slowConsumerPolicy,
                       TlsHandlerFactory tls, Endpoint peer, SessionProtocol protocol) {

    static SessionSettings of(ServerConfig config) {
        return new SessionSettings(config.codec(), config.idleTimeouts(), config.handlerExecutor().orElse(null),
                config.maxPendingReceiveBytes(), config.proxyProtocol(), config.maxPendingSendBytes(),
                config.maxQueuedSendBytes(), config.slowConsumerPolicy(), config.tls().orElse(null), null,
                config.protocol().orElse(null));
    }

    static SessionSettings of(ClientConfig config) {
        return new SessionSettings(config.codec(), config.idleTimeouts(), config.handlerExecutor().orElse(null),
                config.maxPendingReceiveBytes(), false, config.maxPendingSendBytes(),
                config.maxQueuedSendBytes(), config.slowConsumerPolicy(), config.tls().orElse(null),
                config.endpoint(), config.protocol().orElse(null));
    }

    /** Returns these settings with the codec instance of one new session. */
    SessionSettings forNewSession() {
        FrameCodec<?> sessionCodec = codec.newSessionCodec();
        if (sessionCodec == codec) {
            return this;
        }
        return new SessionSettings(sessionCodec, idleTimeouts, handlerExecutor, maxPendingReceiveBytes,
                proxyProtocol, maxPendingSendBytes, maxQueuedSendBytes, slowConsumerPolicy, tls, peer, protocol);
    }
}
