package io.stormsocket.ssl;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * A self-signed certificate and its key, made in memory in one call: for development and tests,
 * never for production.
 *
 * <pre>{@code
 * SelfSignedCertificates dev = SelfSignedCertificates.create("localhost", "127.0.0.1");
 * TlsServerOptions server = TlsServerOptions.builder().keyMaterial(dev.keyMaterial()).build();
 * TlsClientOptions client = TlsClientOptions.builder().trust(dev.trustMaterial()).build();
 * }</pre>
 *
 * <p>The certificate is an ECDSA P-256 certificate valid from one hour ago for one year (by
 * default), named by the first name (its subject's CN) and listing every name as a subject
 * alternative name (IP literals as IP addresses), usable for server and client authentication.
 * Because it signs itself, a client trusts it directly as its own CA: nothing else is trusted (it
 * is marked as a CA, like the output of {@code openssl req -x509}, so that OpenSSL accepts it too).
 * Made with Netty's {@code CertificateBuilder} (BouncyCastle), never with JDK internals.
 * Immutable and thread-safe.
 */
public final class SelfSignedCertificates {
    /** Default validity: one year. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

    private final X509Bundle bundle;
    private final List<String> names;

    private SelfSignedCertificates(X509Bundle bundle, List<String> names) {
        this.bundle = bundle;
        this.names = names;
    }

    /**
     * Makes a certificate valid for one year for the given names.
     *
     * @param name the main host name (or IP literal), such as {@code "localhost"}
     * @param moreNames further host names or IP literals the certificate is valid for
     * @return the certificate and key
     */
    public static SelfSignedCertificates create(String name, String... moreNames) {
        return create(DEFAULT_VALIDITY, name, moreNames);
    }

    /**
     * Makes a certificate valid for a given time for the given names.
     *
     * @param validity how long from now the certificate stays valid
     * @param name the main host name (or IP literal)
     * @param moreNames further host names or IP literals
     * @return the certificate and key
     */
    public static SelfSignedCertificates create(Duration validity, String name, String... moreNames) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        List<String> names = new ArrayList<>();
        names.add(Objects.requireNonNull(name, "name"));
        names.addAll(List.of(moreNames));
        Instant now = Instant.now();
        CertificateBuilder builder = new CertificateBuilder()
                .ecp256()
                .subject("CN=" + name.replace(",", "\\,"))
                // An hour of slack for clocks that run slightly behind.
                .notBefore(now.minus(Duration.ofHours(1)))
                .notAfter(now.plus(validity))
                // Marked as a CA (as "openssl req -x509" does) so strict verifiers such as OpenSSL's
                // accept it as its own trust anchor.
                .setIsCertificateAuthority(true)
                .addExtendedKeyUsageServerAuth()
                .addExtendedKeyUsageClientAuth();
        List<GeneralName> alternativeNames = new ArrayList<>();
        for (String n : names) {
            if (n.isBlank()) {
                throw new IllegalArgumentException("names must not be blank");
            }
            boolean ip = NetUtil.isValidIpV4Address(n) || NetUtil.isValidIpV6Address(n);
            alternativeNames.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        try {
            // The SAN extension is encoded here because CertificateBuilder.addSanDnsName rejects wildcards.
            builder.addExtensionOctetString(Extension.subjectAlternativeName.getId(), false,
                    new GeneralNames(alternativeNames.toArray(new GeneralName[0])).getEncoded());
            return new SelfSignedCertificates(builder.buildSelfSigned(), List.copyOf(names));
        } catch (Exception e) {
            throw new TlsConfigurationException("cannot create a self-signed certificate: " + e.getMessage(), e);
        }
    }

    /** {@return the names the certificate is valid for, the main name first} */
    public List<String> names() {
        return names;
    }

    /** {@return the certificate} */
    public X509Certificate certificate() {
        return bundle.getCertificate();
    }

    /** {@return the private key} */
    public PrivateKey privateKey() {
        return bundle.getKeyPair().getPrivate();
    }

    /** {@return the certificate as PEM text} */
    public String certificatePem() {
        return bundle.getCertificatePEM();
    }

    /** {@return the private key as unencrypted PKCS#8 PEM text; keep it secret} */
    public String privateKeyPem() {
        return bundle.getPrivateKeyPEM();
    }

    /** {@return the key and certificate, for {@link TlsServerOptions.Builder#keyMaterial} or a client certificate} */
    public KeyMaterial keyMaterial() {
        return KeyMaterial.of(privateKey(), List.of(certificate()));
    }

    /** {@return trust in exactly this certificate, for {@link TlsClientOptions.Builder#trust}} */
    public TrustMaterial trustMaterial() {
        return TrustMaterial.certificates(List.of(certificate()));
    }

    /**
     * Returns a PKCS#12 key store holding the key and certificate under the alias {@code "storm"}.
     *
     * @param password the key store's and key entry's password
     * @return a new key store
     */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("storm", privateKey(), password, new Certificate[] {certificate()});
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigurationException("cannot build a key store: " + e.getMessage(), e);
        }
    }

    /** {@return a PKCS#12 trust store holding the certificate under the alias {@code "storm"}} */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("storm", certificate());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigurationException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SelfSignedCertificates[" + names + ", notAfter=" + certificate().getNotAfter().toInstant() + "]";
    }
}
