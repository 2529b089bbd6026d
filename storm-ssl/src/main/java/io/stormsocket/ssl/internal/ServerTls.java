package io.stormsocket.ssl.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server side's live TLS state: the contexts built from the current key material, swapped as a
 * whole by {@link #reload()}. A connection takes the contexts current when it is accepted (or, with
 * SNI, when its ClientHello is read) and keeps them; later reloads affect only later connections.
 *
 * <p>Threading: {@link #newHandler} runs on event loops concurrently and only reads the
 * {@link AtomicReference}; {@link #reload()} may run on any thread, is serialised, and publishes a
 * fully built generation or nothing.
 */
public final class ServerTls {
    private final KeySource defaultKey;
    private final Map<String, KeySource> sniKeys;
    private final Optional<TrustSource> clientTrust;
    private final ClientAuth clientAuth;
    private final TlsSettings settings;
    private final AtomicReference<Generation> current = new AtomicReference<>();

    /** One consistent set of contexts. {@code mapping} is null when no SNI host is configured. */
    private record Generation(SslContext defaultContext, Mapping<String, SslContext> mapping) {
    }

    /**
     * Loads the material and builds the first contexts.
     *
     * @param defaultKey the key for connections without a matching SNI name
     * @param sniKeys host name or wildcard ({@code *.example.com}) to key, in configuration order
     * @param clientTrust CAs for client certificates
     * @param clientAuth whether to ask for client certificates
     * @param settings the policy
     * @throws io.stormsocket.ssl.TlsConfigurationException if anything cannot be loaded
     */
    public ServerTls(KeySource defaultKey, Map<String, KeySource> sniKeys, Optional<TrustSource> clientTrust,
                     ClientAuth clientAuth, TlsSettings settings) {
        this.defaultKey = defaultKey;
        this.sniKeys = new LinkedHashMap<>(sniKeys);
        this.clientTrust = clientTrust;
        this.clientAuth = clientAuth;
        this.settings = settings;
        current.set(load());
    }

    /**
     * Creates the handler for one accepted connection: an {@link SslHandler}, or a
     * {@link StormSniHandler} when SNI hosts are configured.
     *
     * @param channel the connection
     * @return the handler
     */
    public ChannelHandler newHandler(Channel channel) {
        Generation generation = current.get();
        if (generation.mapping() != null) {
            return new StormSniHandler(generation.mapping(), settings.handshakeTimeoutMillis());
        }
        SslHandler handler = generation.defaultContext().newHandler(channel.alloc());
        handler.setHandshakeTimeoutMillis(settings.handshakeTimeoutMillis());
        return handler;
    }

    /**
     * Re-reads every key and trust source and swaps the contexts in one step; on failure the
     * current contexts stay.
     *
     * @throws io.stormsocket.ssl.TlsConfigurationException if anything cannot be loaded
     */
    public synchronized void reload() {
        current.set(load());
    }

    /** {@return every file the sources read, without duplicates} */
    public List<Path> files() {
        LinkedHashSet<Path> files = new LinkedHashSet<>(defaultKey.files());
        sniKeys.values().forEach(k -> files.addAll(k.files()));
        clientTrust.ifPresent(t -> files.addAll(t.files()));
        return new ArrayList<>(files);
    }

    private Generation load() {
        Optional<TrustManagerFactory> trust = clientTrust.map(TrustSource::load);
        SslContext defaultContext = SslContexts.server(defaultKey.load(), trust, clientAuth, settings);
        if (sniKeys.isEmpty()) {
            return new Generation(defaultContext, null);
        }
        DomainWildcardMappingBuilder<SslContext> builder = new DomainWildcardMappingBuilder<>(defaultContext);
        for (Map.Entry<String, KeySource> host : sniKeys.entrySet()) {
            builder.add(host.getKey(), SslContexts.server(host.getValue().load(), trust, clientAuth, settings));
        }
        Mapping<String, SslContext> byName = builder.build();
        // A ClientHello without SNI asks for null: it gets the default certificate.
        return new Generation(defaultContext, name -> name == null ? defaultContext : lookup(byName, name, defaultContext));
    }

    private static SslContext lookup(Mapping<String, SslContext> byName, String name, SslContext defaultContext) {
        try {
            return byName.map(name);
        } catch (IllegalArgumentException notAHostName) {
            // The mapping runs the peer's name through IDN.toASCII, which rejects prohibited code
            // points. Such a name matches no configured host: serve the default certificate, as for
            // any unknown name (RFC 6066 section 3), instead of failing outside TLS's own errors.
            return defaultContext;
        }
    }
}
