package io.stormsocket.ssl;

import io.stormsocket.ssl.internal.KeySource;
import io.stormsocket.ssl.internal.KeySources;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A private key and its certificate chain: a server's identity, or a client's for mutual TLS.
 *
 * <pre>{@code
 * KeyMaterial.pem(Path.of("fullchain.pem"), Path.of("privkey.pem"))            // PEM files
 * KeyMaterial.pem(Path.of("chain.pem"), Path.of("key.pem"), "secret".toCharArray()) // encrypted key
 * KeyMaterial.pkcs12(Path.of("server.p12"), "secret".toCharArray())
 * KeyMaterial.keyStore(keyStore, "secret".toCharArray())
 * }</pre>
 *
 * <p>Keys are PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), optionally encrypted with a password
 * ({@code -----BEGIN ENCRYPTED PRIVATE KEY-----}); the older OpenSSL forms ({@code RSA PRIVATE KEY},
 * {@code EC PRIVATE KEY}) are read too. Chains are one or more PEM certificates, leaf first.
 *
 * <p>Lifecycle: file-based material is read when options are built and again at every
 * {@link TlsServerOptions#reload()}, which is how renewed certificates are picked up. Text and
 * objects are parsed once, when this is created; a {@link KeyStore} is read at each load. Passwords
 * are copied; the caller may clear its array afterwards. Instances are immutable and thread-safe;
 * {@link #toString()} never shows keys or passwords.
 */
public final class KeyMaterial {
    private final KeySource source;

    private KeyMaterial(KeySource source) {
        this.source = source;
    }

    /**
     * Reads an unencrypted PKCS#8 key and its certificate chain from PEM files.
     *
     * @param certificateChain the chain file, leaf first (a "fullchain.pem")
     * @param privateKey the key file
     * @return the material; files are read at build and reload time
     */
    public static KeyMaterial pem(Path certificateChain, Path privateKey) {
        return pem(certificateChain, privateKey, new char[0]);
    }

    /**
     * Reads a password-protected PKCS#8 key and its certificate chain from PEM files.
     *
     * @param certificateChain the chain file, leaf first
     * @param privateKey the encrypted key file
     * @param password the key's password (copied)
     * @return the material; files are read at build and reload time
     */
    public static KeyMaterial pem(Path certificateChain, Path privateKey, char[] password) {
        return new KeyMaterial(KeySources.pemFiles(Objects.requireNonNull(certificateChain, "certificateChain"),
                Objects.requireNonNull(privateKey, "privateKey"), Objects.requireNonNull(password, "password")));
    }

    /**
     * Parses an unencrypted key and its certificate chain from PEM text.
     *
     * @param certificateChainPem the chain, leaf first
     * @param privateKeyPem the key
     * @return the material
     * @throws TlsConfigurationException if the text cannot be parsed
     */
    public static KeyMaterial pemText(String certificateChainPem, String privateKeyPem) {
        return pemText(certificateChainPem, privateKeyPem, new char[0]);
    }

    /**
     * Parses a password-protected key and its certificate chain from PEM text.
     *
     * @param certificateChainPem the chain, leaf first
     * @param privateKeyPem the encrypted key
     * @param password the key's password
     * @return the material
     * @throws TlsConfigurationException if the text cannot be parsed or decrypted
     */
    public static KeyMaterial pemText(String certificateChainPem, String privateKeyPem, char[] password) {
        return new KeyMaterial(KeySources.pemText(Objects.requireNonNull(certificateChainPem, "certificateChainPem"),
                Objects.requireNonNull(privateKeyPem, "privateKeyPem"), Objects.requireNonNull(password, "password")));
    }

    /**
     * Reads the first key entry of a PKCS#12 file ({@code .p12}, {@code .pfx}).
     *
     * @param file the file
     * @param password the file's password, also used for the key entry (copied)
     * @return the material; the file is read at build and reload time
     */
    public static KeyMaterial pkcs12(Path file, char[] password) {
        return new KeyMaterial(KeySources.pkcs12File(Objects.requireNonNull(file, "file"),
                Objects.requireNonNull(password, "password")));
    }

    /**
     * Uses the first key entry of a loaded {@link KeyStore}.
     *
     * @param keyStore the store; read again at every reload
     * @param password the key entry's password (copied)
     * @return the material
     * @throws TlsConfigurationException if the store has no usable key entry
     */
    public static KeyMaterial keyStore(KeyStore keyStore, char[] password) {
        return new KeyMaterial(KeySources.keyStore(Objects.requireNonNull(keyStore, "keyStore"), Optional.empty(),
                Objects.requireNonNull(password, "password")));
    }

    /**
     * Uses one key entry of a loaded {@link KeyStore}.
     *
     * @param keyStore the store; read again at every reload
     * @param alias the key entry's alias
     * @param password the key entry's password (copied)
     * @return the material
     * @throws TlsConfigurationException if the alias is not a usable key entry
     */
    public static KeyMaterial keyStore(KeyStore keyStore, String alias, char[] password) {
        return new KeyMaterial(KeySources.keyStore(Objects.requireNonNull(keyStore, "keyStore"),
                Optional.of(alias), Objects.requireNonNull(password, "password")));
    }

    /**
     * Uses a key and chain already in memory.
     *
     * @param privateKey the key
     * @param certificateChain the chain, leaf first, not empty
     * @return the material
     */
    public static KeyMaterial of(PrivateKey privateKey, List<X509Certificate> certificateChain) {
        return new KeyMaterial(KeySources.of(Objects.requireNonNull(privateKey, "privateKey"),
                List.copyOf(certificateChain)));
    }

    /**
     * Asks a supplier for the material at build time and at every reload: for certificates that
     * come from a vault or an ACME client rather than files.
     *
     * @param supplier returns the current material; may block briefly, must not return null
     * @return the material
     */
    public static KeyMaterial from(Supplier<KeyMaterial> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return new KeyMaterial(KeySources.dynamic(() -> {
            KeyMaterial material = supplier.get();
            return material == null ? null : material.source;
        }));
    }

    /**
     * Reads the certificate chain now, as the next build or reload would.
     *
     * @return the chain, leaf first
     * @throws TlsConfigurationException if the material cannot be read
     */
    public List<X509Certificate> certificateChain() {
        return source.load().chain();
    }

    KeySource source() {
        return source;
    }

    @Override
    public String toString() {
        return "KeyMaterial[" + source + "]";
    }
}
