package io.stormsocket.ssl.internal;

import io.stormsocket.ssl.TlsConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key and its certificate chain, leaf first, as read from some key material. Creating one
 * checks that the key belongs to the leaf certificate: a certificate renewed on disk while the old
 * key is still there (the two files are rarely replaced at the same instant) must fail the load, so
 * a reload keeps the working pair instead of serving one no handshake can use.
 *
 * @param privateKey the private key
 * @param chain the certificate chain, leaf first, never empty
 */
public record LoadedKey(PrivateKey privateKey, List<X509Certificate> chain) {
    private static final byte[] PROBE = "storm key check".getBytes(StandardCharsets.US_ASCII);

    /** Copies the chain and checks it is not empty and that the key matches its leaf. */
    public LoadedKey {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new TlsConfigurationException("the certificate chain is empty");
        }
        if (!matches(privateKey, chain.get(0))) {
            throw new TlsConfigurationException("the private key does not belong to the certificate "
                    + chain.get(0).getSubjectX500Principal().getName());
        }
    }

    /** {@return the chain as an array, for Netty's builders} */
    public X509Certificate[] chainArray() {
        return chain.toArray(new X509Certificate[0]);
    }

    /** Signs a probe with the key and verifies it with the certificate; unknown key types pass. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return true;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException differentKeyType) {
            // For example an RSA key with an EC certificate.
            return false;
        }
    }
}
