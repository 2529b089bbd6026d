package io.stormsocket.ssl;

import io.stormsocket.core.spi.TlsHandlerFactory;
import io.stormsocket.ssl.internal.Checks;
import io.stormsocket.ssl.internal.Providers;
import io.stormsocket.ssl.internal.TlsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The TLS settings servers and clients share: protocol versions, cipher suites, ALPN, handshake
 * timeout and provider. {@link TlsServerOptions} and {@link TlsClientOptions} add their key and
 * trust material.
 */
public abstract sealed class TlsOptions implements TlsHandlerFactory permits TlsServerOptions, TlsClientOptions {
    /** Default protocols: TLSv1.3 and TLSv1.2. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** Default handshake timeout: 10 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final List<String> applicationProtocols;
    private final Duration handshakeTimeout;
    private final TlsProvider provider;
    private final TlsProvider activeProvider;

    TlsOptions(Builder<?> b) {
        this.protocols = b.protocols;
        this.cipherSuites = b.cipherSuites;
        this.applicationProtocols = b.applicationProtocols;
        this.handshakeTimeout = b.handshakeTimeout;
        this.provider = b.provider;
        this.activeProvider = Providers.resolve(b.provider);
    }

    /** {@return how long a handshake may take} */
    @Override
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** {@return the enabled protocol versions} */
    public List<String> protocols() {
        return protocols;
    }

    /** {@return the enabled cipher suites; empty means the provider's defaults} */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** {@return the ALPN protocols offered, preferred first} */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** {@return the requested provider} */
    public TlsProvider provider() {
        return provider;
    }

    /** {@return the provider in use: {@link TlsProvider#OPENSSL} or {@link TlsProvider#JDK}, never AUTO} */
    public TlsProvider activeProvider() {
        return activeProvider;
    }

    /** {@return the shared settings in the form the internal context builders take} */
    TlsSettings settings() {
        return new TlsSettings(activeProvider, protocols, cipherSuites, applicationProtocols, handshakeTimeout.toMillis());
    }

    /** {@return the shared settings as {@code name=value} pairs, for {@code toString}} */
    String sharedToString() {
        return "protocols=" + protocols + ", cipherSuites=" + (cipherSuites.isEmpty() ? "default" : cipherSuites)
                + ", applicationProtocols=" + applicationProtocols + ", handshakeTimeout=" + handshakeTimeout
                + ", provider=" + provider + (provider == TlsProvider.AUTO ? " (" + activeProvider + ")" : "");
    }

    /**
     * The setters of the shared settings; the server and client builders extend it.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static sealed class Builder<B extends Builder<B>>
            permits TlsServerOptions.Builder, TlsClientOptions.Builder {
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private List<String> cipherSuites = List.of();
        private List<String> applicationProtocols = List.of();
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private TlsProvider provider = TlsProvider.AUTO;

        Builder() {
        }

        /** Copies the shared settings of existing options (for {@code toBuilder}). */
        Builder(TlsOptions options) {
            this.protocols = options.protocols;
            this.cipherSuites = options.cipherSuites;
            this.applicationProtocols = options.applicationProtocols;
            this.handshakeTimeout = options.handshakeTimeout;
            this.provider = options.provider;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /**
         * Sets the enabled protocol versions. Default: TLSv1.3 and TLSv1.2; TLSv1.1 and TLSv1 are
         * refused unless named here (and the JDK provider refuses them anyway under its default
         * security policy).
         *
         * @param protocols {@code "TLSv1.3"}, {@code "TLSv1.2"}, ...
         * @return this builder
         */
        public B protocols(String... protocols) {
            this.protocols = Checks.protocols(List.of(protocols));
            return self();
        }

        /**
         * Restricts the cipher suites, by IANA / Java name (such as
         * {@code "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"}). Default: the provider's defaults,
         * which are modern and forward-secret. BoringSSL does not let TLSv1.3 suites be restricted;
         * a suite the provider does not know fails {@code build()}.
         *
         * @param cipherSuites the suites, preferred first
         * @return this builder
         */
        public B cipherSuites(String... cipherSuites) {
            this.cipherSuites = Checks.names(List.of(cipherSuites), "cipher suite");
            return self();
        }

        /**
         * Offers ALPN protocols (RFC 7301), preferred first, such as {@code "h2"} and
         * {@code "http/1.1"}. When client and server share none, the handshake still succeeds and
         * no protocol is selected. Default: none.
         *
         * @param protocols the protocol names
         * @return this builder
         */
        public B applicationProtocols(String... protocols) {
            this.applicationProtocols = Checks.names(List.of(protocols), "application protocol");
            return self();
        }

        /**
         * Sets how long a handshake may take, from connect or accept (or from a STARTTLS upgrade)
         * until it completes, waiting for the ClientHello included. A connection that takes longer
         * is closed with {@link io.stormsocket.core.CloseReason#TLS_ERROR}. Default: 10 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public B handshakeTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("handshakeTimeout must be positive: " + timeout);
            }
            this.handshakeTimeout = timeout;
            return self();
        }

        /**
         * Chooses the TLS implementation. Default: {@link TlsProvider#AUTO}: OpenSSL (BoringSSL)
         * when netty-tcnative is on the class path, the JDK otherwise.
         *
         * @param provider the provider
         * @return this builder
         */
        public B provider(TlsProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return self();
        }
    }
}
