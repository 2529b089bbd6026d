package io.stormsocket.ssl;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.spi.TlsHandlerFactory;
import io.stormsocket.ssl.internal.Checks;
import io.stormsocket.ssl.internal.Providers;
import io.stormsocket.ssl.internal.SslContexts;
import io.stormsocket.ssl.internal.TlsSettings;
import io.stormsocket.ssl.internal.TrustAllTrustManager;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS for a {@link io.stormsocket.core.StormClient}: whom to trust, hostname verification, a client
 * certificate for mutual TLS, and policy. Pass it to {@link io.stormsocket.core.ClientConfig.Builder#tls},
 * or to {@link io.stormsocket.core.Session#startTls} to upgrade a live session.
 *
 * <pre>{@code
 * StormClient client = StormClient.create(ClientConfig.builder()
 *         .endpoint("example.com", 443)
 *         .tls(TlsClientOptions.builder().build())   // JDK CAs, hostname verified
 *         .build());
 * }</pre>
 *
 * <table>
 * <caption>Options and defaults</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code trust}</td><td>{@link TrustMaterial#jdkDefault()}</td><td>CAs the server's certificate must chain to</td></tr>
 * <tr><td>hostname verification</td><td>on</td><td>the certificate must name the host (RFC 2818 / 6125 rules)</td></tr>
 * <tr><td>{@code serverName}</td><td>the endpoint's host</td><td>the name sent in SNI and verified</td></tr>
 * <tr><td>{@code keyMaterial}</td><td>none</td><td>a client certificate for mutual TLS</td></tr>
 * <tr><td>{@code protocols}</td><td>TLSv1.3, TLSv1.2</td><td>enabled protocol versions</td></tr>
 * <tr><td>{@code cipherSuites}</td><td>the provider's defaults</td><td>enabled cipher suites</td></tr>
 * <tr><td>{@code applicationProtocols}</td><td>none</td><td>ALPN protocols, preferred first</td></tr>
 * <tr><td>{@code handshakeTimeout}</td><td>10 s</td><td>how long a handshake may take</td></tr>
 * <tr><td>{@code provider}</td><td>{@link TlsProvider#AUTO}</td><td>OpenSSL if present, else the JDK</td></tr>
 * </table>
 *
 * <p>Threading: immutable and thread-safe; one instance may serve many clients.
 */
public final class TlsClientOptions extends TlsOptions {
    private static final Logger LOG = LoggerFactory.getLogger(TlsClientOptions.class);

    private final TrustMaterial trust;
    private final boolean trustAll;
    private final boolean hostnameVerification;
    private final String serverName;
    private final KeyMaterial keyMaterial;
    private final SslContext context;

    private TlsClientOptions(Builder b) {
        super(b);
        this.trust = b.trust;
        this.trustAll = b.trustAll;
        this.hostnameVerification = b.hostnameVerification && !b.trustAll;
        this.serverName = b.serverName;
        this.keyMaterial = b.keyMaterial;
        TrustManager trustManager = trustAll ? TrustAllTrustManager.INSTANCE
                : trust().source().load().getTrustManagers()[0];
        this.context = SslContexts.client(keyMaterial().map(k -> k.source().load()), trustManager, hostnameVerification,
                settings());
    }

    /**
     * Starts a builder with every default: the JDK's CAs, hostname verification on.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised from these options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(this);
        b.trust = trust;
        b.trustAll = trustAll;
        b.hostnameVerification = hostnameVerification || trustAll;
        b.serverName = serverName;
        b.keyMaterial = keyMaterial;
        return b;
    }

    /**
     * Creates the TLS handler for one connection, sending {@link #serverName()} (or the endpoint's
     * host) in SNI and verifying the certificate against it. Called by Storm, not by applications.
     *
     * @param channel the connection
     * @param peer the endpoint connected to
     * @return the handler
     * @throws IllegalStateException if hostname verification is on and there is no host name to
     *     verify (a Unix domain socket endpoint without {@code serverName})
     */
    @Override
    public ChannelHandler newHandler(Channel channel, Optional<Endpoint> peer) {
        Optional<String> host = serverName().or(() -> peer.flatMap(Endpoint::host));
        if (host.isEmpty()) {
            if (hostnameVerification) {
                throw new IllegalStateException("cannot verify the server's host name: the endpoint has none; "
                        + "set TlsClientOptions.Builder.serverName");
            }
            return withTimeout(context.newHandler(channel.alloc()));
        }
        String name = host.get();
        SslHandler handler = context.newHandler(channel.alloc(), name, peer.map(Endpoint::port).orElse(-1));
        if (!NetUtil.isValidIpV4Address(name) && !NetUtil.isValidIpV6Address(name)) {
            sendSni(handler.engine(), name);
        }
        return withTimeout(handler);
    }

    /** The JDK sends SNI only for names with a dot; set it explicitly so "localhost" is sent too. */
    private static void sendSni(SSLEngine engine, String name) {
        SNIHostName sni;
        try {
            sni = new SNIHostName(name);
        } catch (IllegalArgumentException notAHostName) {
            return;
        }
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setServerNames(List.of(sni));
        engine.setSSLParameters(parameters);
    }

    private SslHandler withTimeout(SslHandler handler) {
        handler.setHandshakeTimeoutMillis(handshakeTimeout().toMillis());
        return handler;
    }

    /** {@return the CAs the server's certificate must chain to (ignored when {@link #trustsAll()})} */
    public TrustMaterial trust() {
        return trust;
    }

    /** {@return whether every certificate is trusted ({@link Builder#insecureTrustAll()})} */
    public boolean trustsAll() {
        return trustAll;
    }

    /** {@return whether the server's certificate must name the host; off when trusting all} */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** {@return the host name sent in SNI and verified; absent to use the endpoint's host} */
    public Optional<String> serverName() {
        return Optional.ofNullable(serverName);
    }

    /** {@return the client certificate for mutual TLS, if any} */
    public Optional<KeyMaterial> keyMaterial() {
        return Optional.ofNullable(keyMaterial);
    }

    @Override
    public String toString() {
        return "TlsClientOptions[trust=" + (trustAll ? "INSECURE trust all" : trust) + ", hostnameVerification="
                + hostnameVerification + ", serverName=" + (serverName == null ? "endpoint host" : serverName)
                + ", keyMaterial=" + keyMaterial + ", " + sharedToString() + "]";
    }

    /** Builds {@link TlsClientOptions}; every setter documents its default. */
    public static final class Builder extends TlsOptions.Builder<Builder> {
        private TrustMaterial trust = TrustMaterial.jdkDefault();
        private boolean trustSet;
        private boolean trustAll;
        private boolean hostnameVerification = true;
        private String serverName;
        private KeyMaterial keyMaterial;

        private Builder() {
        }

        private Builder(TlsOptions options) {
            super(options);
        }

        /**
         * Sets the CAs the server's certificate must chain to. Default: {@link TrustMaterial#jdkDefault()}.
         *
         * @param trust the CAs
         * @return this builder
         */
        public Builder trust(TrustMaterial trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            this.trustSet = true;
            return this;
        }

        /**
         * Trusts every server certificate and turns hostname verification off: anyone on the path
         * can read and change the traffic. For development against throwaway certificates only;
         * {@link #build()} logs a warning. Prefer {@link #trust} with the development CA
         * (see {@link SelfSignedCertificates#trustMaterial()}).
         *
         * @return this builder
         */
        public Builder insecureTrustAll() {
            this.trustAll = true;
            return this;
        }

        /**
         * Accepts a certificate that chains to a trusted CA even if it names another host. This
         * lets any holder of a certificate from those CAs impersonate the server; use it only where
         * host names cannot match (say, connecting by an address the certificate does not list),
         * and prefer {@link #serverName} for that. {@link #build()} logs a warning. Default:
         * verification on.
         *
         * @return this builder
         */
        public Builder insecureDisableHostnameVerification() {
            this.hostnameVerification = false;
            return this;
        }

        /**
         * Sets the host name sent in SNI and checked against the server's certificate, instead of
         * the endpoint's host: for connecting by address to a server known by name. Default: the
         * endpoint's host.
         *
         * @param serverName a DNS host name or an IP literal
         * @return this builder
         */
        public Builder serverName(String serverName) {
            if (serverName.isBlank()) {
                throw new IllegalArgumentException("serverName must not be blank");
            }
            this.serverName = serverName;
            return this;
        }

        /**
         * Presents a client certificate to servers that ask for one (mutual TLS). Default: none.
         *
         * @param keyMaterial the client's key and chain
         * @return this builder
         */
        public Builder keyMaterial(KeyMaterial keyMaterial) {
            this.keyMaterial = Objects.requireNonNull(keyMaterial, "keyMaterial");
            return this;
        }

        /**
         * Validates the settings, reads the trust and key material and builds the TLS context.
         *
         * @return the options
         * @throws IllegalStateException if both {@link #trust} and {@link #insecureTrustAll()} are set
         * @throws TlsConfigurationException if material cannot be read or the provider rejects a setting
         */
        public TlsClientOptions build() {
            if (trustAll && trustSet) {
                throw new IllegalStateException("both trust(...) and insecureTrustAll() are set; choose one");
            }
            if (trustAll) {
                LOG.warn("TLS client trusts EVERY server certificate (insecureTrustAll): for development only");
            } else if (!hostnameVerification) {
                LOG.warn("TLS client does not verify server host names (insecureDisableHostnameVerification)");
            }
            return new TlsClientOptions(this);
        }
    }
}
