package io.stormsocket.ssl.internal;

import io.stormsocket.ssl.TlsConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The kinds of {@link KeySource}: PEM files or text, PKCS#12 files, KeyStores, objects, suppliers. */
public final class KeySources {
    private KeySources() {
    }

    /**
     * PEM files: a certificate chain (leaf first) and a PKCS#8 key, read at each load.
     *
     * @param chain the certificate chain file
     * @param key the private key file
     * @param password the key's password, empty for a plain key (copied)
     * @return the source
     */
    public static KeySource pemFiles(Path chain, Path key, char[] password) {
        char[] secret = password.clone();
        return new KeySource() {
            @Override
            public LoadedKey load() {
                PrivateKey privateKey = Pem.privateKey(read(key), secret, key.toString());
                List<X509Certificate> certificates = Pem.certificates(read(chain), chain.toString());
                try {
                    return new LoadedKey(privateKey, certificates);
                } catch (TlsConfigurationException e) {
                    throw new TlsConfigurationException(e.getMessage() + " (" + key + ", " + chain + ")", e);
                }
            }

            @Override
            public List<Path> files() {
                return List.of(chain, key);
            }

            @Override
            public String toString() {
                return "pem(chain=" + chain + ", key=" + key + (secret.length > 0 ? ", encrypted" : "") + ")";
            }
        };
    }

    /**
     * PEM text: parsed once, here, so bad text fails at configuration time.
     *
     * @param chain the certificate chain, leaf first
     * @param key the private key
     * @param password the key's password, empty for a plain key
     * @return the source
     */
    public static KeySource pemText(String chain, String key, char[] password) {
        LoadedKey loaded = new LoadedKey(Pem.privateKey(key, password, "the private key text"),
                Pem.certificates(chain, "the certificate chain text"));
        return fixed(loaded, "pem(text" + (password.length > 0 ? ", encrypted" : "") + ")");
    }

    /**
     * A PKCS#12 file, read at each load; the first key entry is used.
     *
     * @param file the file
     * @param password the store's password, also used for the key (copied)
     * @return the source
     */
    public static KeySource pkcs12File(Path file, char[] password) {
        char[] secret = password.clone();
        return new KeySource() {
            @Override
            public LoadedKey load() {
                try (InputStream in = Files.newInputStream(file)) {
                    KeyStore store = KeyStore.getInstance("PKCS12");
                    store.load(in, secret);
                    return fromKeyStore(store, Optional.empty(), secret, file.toString());
                } catch (IOException | GeneralSecurityException e) {
                    throw new TlsConfigurationException("cannot read PKCS#12 file " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public List<Path> files() {
                return List.of(file);
            }

            @Override
            public String toString() {
                return "pkcs12(" + file + ")";
            }
        };
    }

    /**
     * An in-memory KeyStore, read at each load (so changes made to the store are seen by a reload).
     *
     * @param store the store
     * @param alias the key entry's alias, empty for the first key entry
     * @param password the key's password (copied)
     * @return the source
     */
    public static KeySource keyStore(KeyStore store, Optional<String> alias, char[] password) {
        char[] secret = password.clone();
        String description = "keyStore(" + store.getType() + alias.map(a -> ", alias=" + a).orElse("") + ")";
        KeySource source = new KeySource() {
            @Override
            public LoadedKey load() {
                return fromKeyStore(store, alias, secret, description);
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
        source.load();
        return source;
    }

    /**
     * A key and chain given as objects.
     *
     * @param key the private key
     * @param chain the chain, leaf first
     * @return the source
     */
    public static KeySource of(PrivateKey key, List<X509Certificate> chain) {
        LoadedKey loaded = new LoadedKey(key, chain);
        return fixed(loaded, "key(" + loaded.chain().get(0).getSubjectX500Principal().getName() + ")");
    }

    /**
     * Asks a supplier for a source at each load and loads it.
     *
     * @param supplier gives the current source
     * @return the source
     */
    public static KeySource dynamic(Supplier<KeySource> supplier) {
        return new KeySource() {
            @Override
            public LoadedKey load() {
                KeySource current;
                try {
                    current = supplier.get();
                } catch (RuntimeException e) {
                    throw new TlsConfigurationException("the key material supplier failed: " + e, e);
                }
                if (current == null) {
                    throw new TlsConfigurationException("the key material supplier returned null");
                }
                return current.load();
            }

            @Override
            public List<Path> files() {
                return List.of();
            }

            @Override
            public String toString() {
                return "supplier(" + supplier + ")";
            }
        };
    }

    private static KeySource fixed(LoadedKey loaded, String description) {
        return new KeySource() {
            @Override
            public LoadedKey load() {
                return loaded;
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

    static LoadedKey fromKeyStore(KeyStore store, Optional<String> alias, char[] password, String what) {
        try {
            String entry = alias.isPresent() ? alias.get() : firstKeyAlias(store, what);
            Key key = store.getKey(entry, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new TlsConfigurationException("no private key under alias '" + entry + "' in " + what);
            }
            Certificate[] chain = store.getCertificateChain(entry);
            if (chain == null || chain.length == 0) {
                throw new TlsConfigurationException("no certificate chain under alias '" + entry + "' in " + what);
            }
            List<X509Certificate> x509 = new ArrayList<>();
            for (Certificate certificate : chain) {
                if (!(certificate instanceof X509Certificate c)) {
                    throw new TlsConfigurationException("not an X.509 certificate under alias '" + entry + "' in " + what);
                }
                x509.add(c);
            }
            return new LoadedKey(privateKey, x509);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigurationException("cannot read the key from " + what + " (wrong password?): "
                    + e.getMessage(), e);
        }
    }

    private static String firstKeyAlias(KeyStore store, String what) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return alias;
            }
        }
        throw new TlsConfigurationException("no private key entry in " + what);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsConfigurationException("cannot read " + file + ": " + e, e);
        }
    }
}
