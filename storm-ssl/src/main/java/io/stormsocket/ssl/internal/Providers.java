package io.stormsocket.ssl.internal;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import io.stormsocket.ssl.TlsConfigurationException;
import io.stormsocket.ssl.TlsProvider;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resolves {@link TlsProvider#AUTO} and checks that OpenSSL is usable. Thread-safe. */
public final class Providers {
    private static final Logger LOG = LoggerFactory.getLogger(Providers.class);
    /** The AUTO choice is the same for the whole JVM, so it is logged once, not once per server. */
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private Providers() {
    }

    /**
     * Picks the provider to use.
     *
     * @param requested what the options ask for
     * @return {@link TlsProvider#OPENSSL} or {@link TlsProvider#JDK}
     * @throws TlsConfigurationException if OpenSSL is requested but not usable
     */
    public static TlsProvider resolve(TlsProvider requested) {
        switch (requested) {
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new TlsConfigurationException("the OpenSSL TLS provider is not available (add "
                            + "io.netty:netty-tcnative-boringssl-static for this platform): "
                            + OpenSsl.unavailabilityCause(), OpenSsl.unavailabilityCause());
                }
                return TlsProvider.OPENSSL;
            }
            case JDK -> {
                return TlsProvider.JDK;
            }
            default -> {
                boolean openSsl = OpenSsl.isAvailable();
                if (LOGGED.compareAndSet(false, true)) {
                    if (openSsl) {
                        LOG.info("TLS provider: OpenSSL ({})", OpenSsl.versionString());
                    } else {
                        LOG.info("TLS provider: JDK (OpenSSL not available: {})", String.valueOf(OpenSsl.unavailabilityCause()));
                    }
                }
                return openSsl ? TlsProvider.OPENSSL : TlsProvider.JDK;
            }
        }
    }

    /**
     * Maps a resolved provider to Netty's.
     *
     * @param resolved {@link TlsProvider#OPENSSL} or {@link TlsProvider#JDK}
     * @return Netty's provider; OpenSSL contexts are released by the garbage collector, so a
     *     replaced context needs no explicit release while connections still use it
     */
    public static SslProvider netty(TlsProvider resolved) {
        return resolved == TlsProvider.OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK;
    }
}
