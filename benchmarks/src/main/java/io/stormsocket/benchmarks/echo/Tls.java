package io.stormsocket.benchmarks.echo;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.stormsocket.ssl.SelfSignedCertificates;
import javax.net.ssl.SSLException;

/**
 * TLS contexts of the raw-Netty programs. They use OpenSSL when it is present, as Storm's
 * {@code TlsProvider.AUTO} does, so both servers run the same TLS engine.
 */
public final class Tls {
    private Tls() {
    }

    /**
     * Returns the provider both sides use: OpenSSL (BoringSSL) if it loads, the JDK otherwise.
     *
     * @return the provider
     */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * Makes a localhost certificate for a benchmark server.
     *
     * @return a new self-signed certificate
     */
    public static SelfSignedCertificates certificate() {
        return SelfSignedCertificates.create("localhost", "127.0.0.1");
    }

    /**
     * Builds the raw-Netty server context.
     *
     * @param certificate the server's certificate
     * @return a server context
     * @throws SSLException if the context cannot be built
     */
    public static SslContext serverContext(SelfSignedCertificates certificate) throws SSLException {
        return SslContextBuilder.forServer(certificate.privateKey(), certificate.certificate())
                .sslProvider(provider())
                .build();
    }

    /**
     * Builds the client context; it trusts any certificate, which is only acceptable because the
     * client talks to a benchmark server on a machine the operator controls.
     *
     * @return a client context
     * @throws SSLException if the context cannot be built
     */
    public static SslContext clientContext() throws SSLException {
        return SslContextBuilder.forClient()
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .sslProvider(provider())
                .build();
    }
}
