package io.stormsocket.ssl.internal;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.ssl.TlsConfigurationException;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Builds Netty SSL contexts from loaded material and a policy. Stateless. */
public final class SslContexts {
    private SslContexts() {
    }

    /**
     * Builds a server context.
     *
     * @param key the server's key and chain
     * @param clientTrust CAs for client certificates, present when {@code clientAuth} is not NONE
     * @param clientAuth whether to ask for client certificates
     * @param settings the policy
     * @return the context
     */
    public static SslContext server(LoadedKey key, Optional<TrustManagerFactory> clientTrust, ClientAuth clientAuth,
                                    TlsSettings settings) {
        SslContextBuilder builder = SslContextBuilder.forServer(key.privateKey(), key.chainArray()).clientAuth(clientAuth);
        clientTrust.ifPresent(builder::trustManager);
        return build(apply(builder, settings), "server");
    }

    /**
     * Builds a client context.
     *
     * @param key the client certificate for mutual TLS, if any
     * @param trust how to check the server's certificate
     * @param verifyHostname whether the server's certificate must name the host
     * @param settings the policy
     * @return the context
     */
    public static SslContext client(Optional<LoadedKey> key, TrustManager trust, boolean verifyHostname,
                                    TlsSettings settings) {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .trustManager(trust)
                // Set either way: Netty's default depends on a system property.
                .endpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
        key.ifPresent(k -> builder.keyManager(k.privateKey(), k.chainArray()));
        return build(apply(builder, settings), "client");
    }

    private static SslContextBuilder apply(SslContextBuilder builder, TlsSettings settings) {
        builder.sslProvider(Providers.netty(settings.provider())).protocols(settings.protocols());
        if (!settings.cipherSuites().isEmpty()) {
            // Identity filter: a suite the provider does not know fails the build instead of vanishing.
            builder.ciphers(settings.cipherSuites(), IdentityCipherSuiteFilter.INSTANCE);
        }
        if (!settings.applicationProtocols().isEmpty()) {
            // The only failure behaviours both providers support: without a common protocol the
            // handshake goes on and no protocol is selected.
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    settings.applicationProtocols()));
        }
        return builder;
    }

    private static SslContext build(SslContextBuilder builder, String side) {
        try {
            SslContext context = builder.build();
            // The JDK checks protocol and cipher names only when an engine is made: make one now, so
            // a bad name fails the build instead of every connection.
            SSLEngine probe = context.newEngine(UnpooledByteBufAllocator.DEFAULT);
            ReferenceCountUtil.release(probe);
            return context;
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsConfigurationException("cannot build the TLS " + side + " context: " + e.getMessage(), e);
        }
    }
}
