package io.stormsocket.ssl;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Certificates for the tests, made once per test JVM at run time (no key files are committed): a
 * CA with server and client certificates, a second, untrusted CA, and odd cases (expired, wrong
 * name, SNI hosts).
 */
final class TestPki {
    static final X509Bundle CA;
    static final X509Bundle OTHER_CA;
    /** CN=localhost, SAN localhost and 127.0.0.1, issued by {@link #CA}. */
    static final X509Bundle SERVER;
    /** CN=localhost again, a different key: what a reload switches to. */
    static final X509Bundle SERVER_RENEWED;
    /** CN=client-1, client authentication, issued by {@link #CA}. */
    static final X509Bundle CLIENT;
    /** CN=intruder, issued by {@link #OTHER_CA}. */
    static final X509Bundle UNTRUSTED_CLIENT;
    /** CN=localhost but expired yesterday. */
    static final X509Bundle EXPIRED;
    /** CN=elsewhere.example.org, SAN elsewhere.example.org only. */
    static final X509Bundle WRONG_NAME;
    /** CN=localhost issued by {@link #OTHER_CA}. */
    static final X509Bundle UNKNOWN_CA_SERVER;
    /** CN=a.example.com. */
    static final X509Bundle SNI_A;
    /** CN=*.example.com. */
    static final X509Bundle SNI_WILDCARD;
    /** CN=default.example.net, SAN default.example.net. */
    static final X509Bundle SNI_DEFAULT;

    static {
        try {
            CA = new CertificateBuilder().subject("CN=Storm Test CA").setIsCertificateAuthority(true).buildSelfSigned();
            OTHER_CA = new CertificateBuilder().subject("CN=Other CA").setIsCertificateAuthority(true).buildSelfSigned();
            SERVER = server("CN=localhost", "localhost").buildIssuedBy(CA);
            SERVER_RENEWED = server("CN=localhost, O=Renewed", "localhost").buildIssuedBy(CA);
            CLIENT = new CertificateBuilder().subject("CN=client-1, O=Storm Tests").addExtendedKeyUsageClientAuth()
                    .buildIssuedBy(CA);
            UNTRUSTED_CLIENT = new CertificateBuilder().subject("CN=intruder").addExtendedKeyUsageClientAuth()
                    .buildIssuedBy(OTHER_CA);
            Instant now = Instant.now();
            EXPIRED = server("CN=localhost, O=Expired", "localhost")
                    .notBefore(now.minus(Duration.ofDays(30))).notAfter(now.minus(Duration.ofDays(1))).buildIssuedBy(CA);
            WRONG_NAME = server("CN=elsewhere.example.org", "elsewhere.example.org").buildIssuedBy(CA);
            UNKNOWN_CA_SERVER = server("CN=localhost, O=Unknown CA", "localhost").buildIssuedBy(OTHER_CA);
            SNI_A = server("CN=a.example.com", "a.example.com").buildIssuedBy(CA);
            SNI_WILDCARD = server("CN=*.example.com", "*.example.com").buildIssuedBy(CA);
            SNI_DEFAULT = server("CN=default.example.net", "default.example.net").buildIssuedBy(CA);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestPki() {
    }

    private static CertificateBuilder server(String subject, String dnsName) throws IOException {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, dnsName));
        if (dnsName.equals("localhost")) {
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        }
        // One SAN extension built here: CertificateBuilder.addSanDnsName cannot take a wildcard.
        return new CertificateBuilder().subject(subject).addExtendedKeyUsageServerAuth()
                .addExtensionOctetString(Extension.subjectAlternativeName.getId(), false,
                        new GeneralNames(names.toArray(new GeneralName[0])).getEncoded());
    }

    static KeyMaterial key(X509Bundle bundle) {
        return KeyMaterial.pemText(bundle.getCertificatePathPEM(), bundle.getPrivateKeyPEM());
    }

    static TrustMaterial trust(X509Bundle ca) {
        return TrustMaterial.pemText(ca.getCertificatePEM());
    }

    static String subject(java.security.cert.X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    /** Writes a bundle's chain and key as {@code name.pem} and {@code name.key} in a directory. */
    static PemFiles write(Path dir, String name, X509Bundle bundle) {
        Path chain = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        try {
            Files.writeString(chain, bundle.getCertificatePathPEM());
            Files.writeString(key, bundle.getPrivateKeyPEM());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PemFiles(chain, key);
    }

    /**
     * A chain file and a key file.
     *
     * @param chain the PEM chain
     * @param key the PEM key
     */
    record PemFiles(Path chain, Path key) {
    }
}
