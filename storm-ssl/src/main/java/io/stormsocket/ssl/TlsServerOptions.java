package io.stormsocket.ssl;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.Subscription;
import io.stormsocket.core.spi.TlsHandlerFactory;
import io.stormsocket.ssl.internal.Checks;
import io.stormsocket.ssl.internal.FileWatcher;
import io.stormsocket.ssl.internal.KeySource;
import io.stormsocket.ssl.internal.Providers;
import io.stormsocket.ssl.internal.ServerTls;
import io.stormsocket.ssl.internal.TlsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS for a {@link io.stormsocket.core.StormServer}: its certificate, policy, mutual TLS and SNI.
 * Pass it to {@link io.stormsocket.core.ServerConfig.Builder#tls}, or to
 * {@link io.stormsocket.core.Session#startTls} to upgrade a live session.
 *
 * <pre>{@code
 * TlsServerOptions tls = TlsServerOptions.builder()
 *         .keyMaterial(KeyMaterial.pem(Path.of("fullchain.pem"), Path.of("privkey.pem")))
 *         .build();
 * StormServer server = StormServer.create(ServerConfig.builder().port(8443).tls(tls).build());
 * }</pre>
 *
 * <table>
 * <caption>Options and defaults</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code keyMaterial}</td><td>required</td><td>the server's key and certificate chain</td></tr>
 * <tr><td>{@code sniHost}</td><td>none</td><td>other certificates chosen by the client's SNI host name, exact or {@code *.domain}</td></tr>
 * <tr><td>{@code clientAuth}</td><td>{@link ClientAuth#NONE}</td><td>mutual TLS: ask for or require client certificates</td></tr>
 * <tr><td>{@code trustedClientCertificates}</td><td>none; required with client auth</td><td>CAs client certificates must chain to</td></tr>
 * <tr><td>{@code protocols}</td><td>TLSv1.3, TLSv1.2</td><td>enabled protocol versions</td></tr>
 * <tr><td>{@code cipherSuites}</td><td>the provider's defaults</td><td>enabled cipher suites (IANA / Java names)</td></tr>
 * <tr><td>{@code applicationProtocols}</td><td>none</td><td>ALPN protocols, preferred first</td></tr>
 * <tr><td>{@code handshakeTimeout}</td><td>10 s</td><td>how long a handshake may take, ClientHello included</td></tr>
 * <tr><td>{@code provider}</td><td>{@link TlsProvider#AUTO}</td><td>OpenSSL if present, else the JDK</td></tr>
 * </table>
 *
 * <p>Reload: the options are immutable, but the files they point to are read again by
 * {@link #reload()} (or automatically with {@link #watchFiles(Duration)}): new connections get the
 * new certificates, connections already open keep theirs.
 *
 * <p>Threading: thread-safe; {@link #newHandler} is called on event loops concurrently.
 */
public final class TlsServerOptions extends TlsOptions {
    private final KeyMaterial keyMaterial;
    private final Map<String, KeyMaterial> sniHosts;
    private final ClientAuth clientAuth;
    private final TrustMaterial trustedClientCertificates;
    private final ServerTls tls;

    private TlsServerOptions(Builder b) {
        super(b);
        this.keyMaterial = b.keyMaterial;
        this.sniHosts = Collections.unmodifiableMap(new LinkedHashMap<>(b.sniHosts));
        this.clientAuth = b.clientAuth;
        this.trustedClientCertificates = b.trustedClientCertificates;
        Map<String, KeySource> sni = new LinkedHashMap<>();
        sniHosts.forEach((host, material) -> sni.put(host, material.source()));
        this.tls = new ServerTls(keyMaterial.source(), sni,
                Optional.ofNullable(trustedClientCertificates).map(TrustMaterial::source), nettyClientAuth(clientAuth),
                settings());
    }

    private static io.netty.handler.ssl.ClientAuth nettyClientAuth(ClientAuth clientAuth) {
        return switch (clientAuth) {
            case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
            case REQUEST -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
            case REQUIRE -> io.netty.handler.ssl.ClientAuth.REQUIRE;
        };
    }

    /**
     * Starts a builder with every default; {@link Builder#keyMaterial} must be set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised from these options. The options it builds load their material
     * afresh and reload independently of these.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(this);
        b.keyMaterial = keyMaterial;
        b.sniHosts.putAll(sniHosts);
        b.clientAuth = clientAuth;
        b.trustedClientCertificates = trustedClientCertificates;
        return b;
    }

    /**
     * Creates the TLS handler for one accepted connection, from the certificates current now: an
     * {@link io.netty.handler.ssl.SslHandler}, or an {@link io.netty.handler.ssl.SniHandler} that
     * becomes one once it has read the client's host name. Called by Storm, not by applications.
     *
     * @param channel the connection
     * @param peer ignored on a server
     * @return the handler
     */
    @Override
    public ChannelHandler newHandler(Channel channel, Optional<Endpoint> peer) {
        return tls.newHandler(channel);
    }

    /**
     * Reads every key and trust file again and switches to the new certificates in one step. New
     * connections use them; connections already open (or mid-handshake) keep the old ones. If
     * anything fails to load, nothing changes and the exception says why.
     *
     * <p>Threading: any thread; blocks while the files are read. Concurrent reloads are serialised.
     *
     * @throws TlsConfigurationException if the material cannot be read
     */
    public void reload() {
        tls.reload();
    }

    /**
     * Reloads automatically when a key, certificate or trusted-CA file changes: a daemon thread
     * compares the files' modification times and sizes every {@code pollInterval} and calls
     * {@link #reload()}. A failed reload (a half-written file) is logged and retried at the next
     * poll while the current certificates stay in use. Certificates from text, objects, KeyStores
     * or suppliers are not watched; call {@link #reload()} for those.
     *
     * <pre>{@code
     * Subscription watch = tls.watchFiles(Duration.ofSeconds(30));
     * ...
     * watch.close(); // stop watching, e.g. when the server stops
     * }</pre>
     *
     * @param pollInterval how often to look, at least 1 ms; seconds to minutes is typical
     * @return a handle that stops the watching thread when closed
     * @throws IllegalStateException if the options read no files
     */
    public Subscription watchFiles(Duration pollInterval) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
        }
        List<Path> files = tls.files();
        if (files.isEmpty()) {
            throw new IllegalStateException("nothing to watch: the key and trust material are not read from files");
        }
        return FileWatcher.start(files, pollInterval, tls::reload);
    }

    /** {@return the files that {@link #reload()} reads} */
    public List<Path> files() {
        return tls.files();
    }

    /** {@return the default key material} */
    public KeyMaterial keyMaterial() {
        return keyMaterial;
    }

    /** {@return the SNI host names (exact or {@code *.domain}, lower case) and their key material, in configuration order} */
    public Map<String, KeyMaterial> sniHosts() {
        return sniHosts;
    }

    /** {@return whether client certificates are asked for} */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** {@return the CAs client certificates must chain to; present when {@link #clientAuth()} is not NONE} */
    public Optional<TrustMaterial> trustedClientCertificates() {
        return Optional.ofNullable(trustedClientCertificates);
    }

    @Override
    public String toString() {
        return "TlsServerOptions[keyMaterial=" + keyMaterial + ", sniHosts=" + sniHosts + ", clientAuth=" + clientAuth
                + ", trustedClientCertificates=" + trustedClientCertificates + ", " + sharedToString() + "]";
    }

    /** Builds {@link TlsServerOptions}; every setter documents its default. */
    public static final class Builder extends TlsOptions.Builder<Builder> {
        private KeyMaterial keyMaterial;
        private final Map<String, KeyMaterial> sniHosts = new LinkedHashMap<>();
        private ClientAuth clientAuth = ClientAuth.NONE;
        private TrustMaterial trustedClientCertificates;

        private Builder() {
        }

        private Builder(TlsOptions options) {
            super(options);
        }

        /**
         * Sets the server's key and certificate chain, used for every connection whose SNI host name
         * matches no {@link #sniHost}. Required.
         *
         * @param keyMaterial the key material
         * @return this builder
         */
        public Builder keyMaterial(KeyMaterial keyMaterial) {
            this.keyMaterial = Objects.requireNonNull(keyMaterial, "keyMaterial");
            return this;
        }

        /**
         * Serves another certificate to clients that ask for this host name through SNI. Exact names
         * win over wildcards; {@code *.example.com} matches {@code a.example.com} but neither
         * {@code example.com} nor {@code a.b.example.com}. Default: none.
         *
         * @param hostName a host name or {@code *.domain} wildcard (case-insensitive)
         * @param keyMaterial the key and chain for it
         * @return this builder
         */
        public Builder sniHost(String hostName, KeyMaterial keyMaterial) {
            sniHosts.put(Checks.sniHostName(hostName), Objects.requireNonNull(keyMaterial, "keyMaterial"));
            return this;
        }

        /**
         * Sets whether clients must present a certificate (mutual TLS). With
         * {@link ClientAuth#REQUEST} or {@link ClientAuth#REQUIRE}, {@link #trustedClientCertificates}
         * is required. Default: {@link ClientAuth#NONE}.
         *
         * @param clientAuth the mode
         * @return this builder
         */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        /**
         * Sets the CAs that client certificates must chain to. Default: none.
         *
         * @param trust the CAs
         * @return this builder
         */
        public Builder trustedClientCertificates(TrustMaterial trust) {
            this.trustedClientCertificates = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /**
         * Validates the settings, reads the key and trust material and builds the TLS contexts, so
         * a bad file or setting fails here rather than at the first connection.
         *
         * @return the options
         * @throws IllegalStateException if key material is missing, or client auth and trusted
         *     client certificates do not go together
         * @throws TlsConfigurationException if material cannot be read or the provider rejects a setting
         */
        public TlsServerOptions build() {
            if (keyMaterial == null) {
                throw new IllegalStateException("keyMaterial is required");
            }
            if (clientAuth != ClientAuth.NONE && trustedClientCertificates == null) {
                throw new IllegalStateException("clientAuth " + clientAuth + " needs trustedClientCertificates");
            }
            if (clientAuth == ClientAuth.NONE && trustedClientCertificates != null) {
                throw new IllegalStateException("trustedClientCertificates is set but clientAuth is NONE; "
                        + "set clientAuth(REQUEST) or clientAuth(REQUIRE)");
            }
            return new TlsServerOptions(this);
        }
    }
}
