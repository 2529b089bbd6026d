package io.stormsocket.ssl.internal;

import io.stormsocket.ssl.TlsConfigurationException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;

/** The kinds of {@link TrustSource}: the JDK's CAs, PEM files or text, certificates, KeyStores. */
public final class TrustSources {
    private TrustSources() {
    }

    /** {@return the JDK's default trusted CAs (its {@code cacerts}, or {@code javax.net.ssl.trustStore})} */
    public static TrustSource jdkDefault() {
        return new TrustSource() {
            @Override
            public TrustManagerFactory load() {
                return factory(null);
            }

            @Override
            public List<Path> files() {
                return List.of();
            }

            @Override
            public String toString() {
                return "jdkDefault";
            }
        };
    }

    /**
     * CA certificates in a PEM file, read at each load.
     *
     * @param file the file
     * @return the source
     */
    public static TrustSource pemFile(Path file) {
        return new TrustSource() {
            @Override
            public TrustManagerFactory load() {
                return factory(store(Pem.certificates(KeySources.read(file), file.toString())));
            }

            @Override
            public List<Path> files() {
                return List.of(file);
            }

            @Override
            public String toString() {
                return "pem(" + file + ")";
            }
        };
    }

    /**
     * Trusted certificates given as objects (or parsed PEM text).
     *
     * @param certificates the certificates
     * @param description what they are, for {@code toString}
     * @return the source
     */
    public static TrustSource certificates(List<X509Certificate> certificates, String description) {
        List<X509Certificate> copy = List.copyOf(certificates);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("no trusted certificates given");
        }
        return new TrustSource() {
            @Override
            public TrustManagerFactory load() {
                return factory(store(copy));
            }

            @Override
            public List<Path> files() {
                return List.of();
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /**
     * The certificate entries of a KeyStore, read at each load.
     *
     * @param store the store
     * @return the source
     */
    public static TrustSource keyStore(KeyStore store) {
        return new TrustSource() {
            @Override
            public TrustManagerFactory load() {
                return factory(store);
            }

            @Override
            public List<Path> files() {
                return List.of();
            }

            @Override
            public String toString() {
                return "keyStore(" + store.getType() + ")";
            }
        };
    }

    private static KeyStore store(List<X509Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate certificate : certificates) {
                store.setCertificateEntry("trusted-" + i++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigurationException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory factory(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new TlsConfigurationException("cannot initialise trust: " + e.getMessage(), e);
        }
    }
}
