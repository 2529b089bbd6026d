package io.stormsocket.core.internal;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.IdleTimeouts;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.codec.FrameCodec;
import java.util.concurrent.Executor;

/**
 * What a session needs from its server's or client's configuration, in one place for both sides.
 *
 * @param codec the configured codec; each session asks it for its own instance
 * @param idleTimeouts idle detection
 * @param handlerExecutor where events run, or {@code null} for the event loop
 * @param maxPendingReceiveBytes bytes queued for the executor before reading pauses
 * @param proxyProtocol whether a PROXY header precedes the data
 */
record SessionSettings(FrameCodec<?> codec, IdleTimeouts idleTimeouts, Executor handlerExecutor,
                       int maxPendingReceiveBytes, boolean proxyProtocol) {

    static SessionSettings of(ServerConfig config) {
        return new SessionSettings(config.codec(), config.idleTimeouts(), config.handlerExecutor().orElse(null),
                config.maxPendingReceiveBytes(), config.proxyProtocol());
    }

    static SessionSettings of(ClientConfig config) {
        return new SessionSettings(config.codec(), config.idleTimeouts(), config.handlerExecutor().orElse(null),
                config.maxPendingReceiveBytes(), false);
    }
}
