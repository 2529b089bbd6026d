package io.stormsocket.ssl.internal;

import io.stormsocket.ssl.TlsConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads PEM text: X.509 certificates, and private keys as PKCS#8 ({@code PRIVATE KEY}), encrypted
 * PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, any PBES2 scheme OpenSSL writes) and, for convenience, the
 * older OpenSSL forms ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}, encrypted or not).
 *
 * <p>BouncyCastle only parses and decrypts; its provider object is passed explicitly to the
 * decryptors and never registered with {@link java.security.Security}. Keys and certificates come
 * out as the JDK's own objects. Text outside PEM blocks (such as OpenSSL's "Bag Attributes") is
 * skipped. Stateless and thread-safe.
 */
public final class Pem {
    private Pem() {
    }

    /** Created on first use: constructing the provider registers hundreds of algorithms. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    /**
     * Reads every certificate in PEM text, in order.
     *
     * @param pem the text
     * @param what where the text came from, for error messages
     * @return the certificates, at least one
     */
    public static List<X509Certificate> certificates(String pem, String what) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new TlsConfigurationException("cannot read certificates from " + what + ": " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new TlsConfigurationException("no PEM certificate (-----BEGIN CERTIFICATE-----) in " + what);
        }
        return certificates;
    }

    /**
     * Reads the first private key in PEM text.
     *
     * @param pem the text
     * @param password the password of an encrypted key; empty for a plain key
     * @param what where the text came from, for error messages
     * @return the key
     */
    public static PrivateKey privateKey(String pem, char[] password, String what) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    return converter.getPrivateKey(decrypt(encrypted, password, what));
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (object instanceof PEMEncryptedKeyPair encrypted) {
                    return converter.getKeyPair(decrypt(encrypted, password, what)).getPrivate();
                }
                // Anything else (EC PARAMETERS, a certificate in the same file) precedes or follows the key.
            }
        } catch (IOException e) {
            throw new TlsConfigurationException("cannot read the private key in " + what + ": " + e.getMessage(), e);
        }
        throw new TlsConfigurationException("no PEM private key (-----BEGIN PRIVATE KEY----- or "
                + "-----BEGIN ENCRYPTED PRIVATE KEY-----) in " + what);
    }

    private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] password, String what) {
        requirePassword(password, what);
        try {
            return encrypted.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(password));
        } catch (PKCSException | OperatorCreationException e) {
            throw wrongPassword(what, e);
        }
    }

    private static PEMKeyPair decrypt(PEMEncryptedKeyPair encrypted, char[] password, String what) {
        requirePassword(password, what);
        try {
            return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(password));
        } catch (IOException e) {
            throw wrongPassword(what, e);
        }
    }

    private static TlsConfigurationException wrongPassword(String what, Exception e) {
        return new TlsConfigurationException("cannot decrypt the private key in " + what + " (wrong password?): "
                + e.getMessage(), e);
    }

    private static void requirePassword(char[] password, String what) {
        if (password.length == 0) {
            throw new TlsConfigurationException("the private key in " + what + " is encrypted: give its password");
        }
    }
}
