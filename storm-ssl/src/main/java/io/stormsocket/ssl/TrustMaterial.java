package io.stormsocket.ssl;

import io.stormsocket.ssl.internal.Pem;
import io.stormsocket.ssl.internal.TrustSource;
import io.stormsocket.ssl.internal.TrustSources;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificate authorities a peer's certificate must chain to: the CAs a client trusts for
 * servers, or the CAs a server trusts for client certificates (mutual TLS).
 *
 * <pre>{@code
 * TrustMaterial.jdkDefault()                       // the JDK's public CAs
 * TrustMaterial.pem(Path.of("ca.pem"))             // one or more PEM CA certificates
 * TrustMaterial.keyStore(trustStore)               // certificate entries of a KeyStore
 * }</pre>
 *
 * <p>Lifecycle: a PEM file is read when options are built and again at every reload; text and
 * certificates are parsed once, when this is created. Immutable and thread-safe.
 */
public final class TrustMaterial {
    private final TrustSource source;

    private TrustMaterial(TrustSource source) {
        this.source = source;
    }

    /**
     * Trusts the JDK's default CAs: its {@code cacerts}, or the store named by
     * {@code -Djavax.net.ssl.trustStore}.
     *
     * @return the material
     */
    public static TrustMaterial jdkDefault() {
        return new TrustMaterial(TrustSources.jdkDefault());
    }

    /**
     * Trusts the CA certificates in a PEM file.
     *
     * @param caCertificates the file, with one or more certificates
     * @return the material; the file is read at build and reload time
     */
    public static TrustMaterial pem(Path caCertificates) {
        return new TrustMaterial(TrustSources.pemFile(Objects.requireNonNull(caCertificates, "caCertificates")));
    }

    /**
     * Trusts the CA certificates in PEM text.
     *
     * @param caCertificatesPem one or more PEM certificates
     * @return the material
     * @throws TlsConfigurationException if the text holds no certificate
     */
    public static TrustMaterial pemText(String caCertificatesPem) {
        List<X509Certificate> certificates = Pem.certificates(
                Objects.requireNonNull(caCertificatesPem, "caCertificatesPem"), "the CA certificate text");
        return new TrustMaterial(TrustSources.certificates(certificates, "pem(text, " + certificates.size() + " certificates)"));
    }

    /**
     * Trusts the given certificates.
     *
     * @param caCertificates one or more certificates
     * @return the material
     */
    public static TrustMaterial certificates(List<X509Certificate> caCertificates) {
        List<X509Certificate> copy = List.copyOf(caCertificates);
        return new TrustMaterial(TrustSources.certificates(copy, "certificates(" + copy.size() + ")"));
    }

    /**
     * Trusts the certificate entries of a {@link KeyStore} (a "trust store").
     *
     * @param trustStore the loaded store; read again at every reload
     * @return the material
     */
    public static TrustMaterial keyStore(KeyStore trustStore) {
        return new TrustMaterial(TrustSources.keyStore(Objects.requireNonNull(trustStore, "trustStore")));
    }

    TrustSource source() {
        return source;
    }

    @Override
    public String toString() {
        return "TrustMaterial[" + source + "]";
    }
}
