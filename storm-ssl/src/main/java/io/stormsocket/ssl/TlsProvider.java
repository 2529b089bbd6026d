package io.stormsocket.ssl;

/**
 * Which TLS implementation encrypts connections.
 *
 * <p>OpenSSL here means BoringSSL through {@code io.netty:netty-tcnative-boringssl-static}, an
 * optional dependency: add it to use {@link #OPENSSL} (faster handshakes and bulk encryption,
 * lower garbage). Certificate checks (trust, hostname verification) run in Java with either
 * provider, so both behave the same.
 */
public enum TlsProvider {
    /** OpenSSL when {@code netty-tcnative-boringssl-static} is usable, otherwise the JDK; the choice is logged once. */
    AUTO,
    /** OpenSSL (BoringSSL); building options fails if it is not usable. */
    OPENSSL,
    /** The JDK's own TLS implementation (JSSE). */
    JDK
}
