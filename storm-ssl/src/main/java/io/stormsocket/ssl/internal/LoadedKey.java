package io.stormsocket.ssl.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key and its certificate chain, leaf first, as read from some key material.
 *
 * @param privateKey the private key
 * @param chain the certificate chain, leaf first, never empty
 */
public record LoadedKey(PrivateKey privateKey, List<X509Certificate> chain) {
    /** Copies the chain and checks it is not empty. */
    public LoadedKey {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the certificate chain is empty");
        }
    }

    /** {@return the chain as an array, for Netty's builders} */
    public X509Certificate[] chainArray() {
        return chain.toArray(new X509Certificate[0]);
    }
}
