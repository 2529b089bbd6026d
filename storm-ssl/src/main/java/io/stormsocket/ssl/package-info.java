/**
 * TLS for Storm servers and clients: {@link io.stormsocket.ssl.TlsServerOptions} and
 * {@link io.stormsocket.ssl.TlsClientOptions} implement core's TLS hook, so TLS is one line of
 * configuration on the same server and client classes.
 *
 * <ul>
 *   <li>Key material from PEM (PKCS#8, encrypted or not), PKCS#12 or a {@link java.security.KeyStore}:
 *       {@link io.stormsocket.ssl.KeyMaterial}; trust from the JDK, PEM or a KeyStore:
 *       {@link io.stormsocket.ssl.TrustMaterial}.</li>
 *   <li>Policy: TLSv1.3 and TLSv1.2 only by default, cipher suites, ALPN
 *       (<a href="https://www.rfc-editor.org/rfc/rfc7301">RFC 7301</a>), handshake timeout.</li>
 *   <li>Mutual TLS ({@link io.stormsocket.ssl.ClientAuth}) and the peer's identity
 *       ({@link io.stormsocket.ssl.TlsSessions}).</li>
 *   <li>SNI (<a href="https://www.rfc-editor.org/rfc/rfc6066#section-3">RFC 6066 section 3</a>):
 *       a certificate per host name, exact or wildcard.</li>
 *   <li>Hostname verification on clients by default
 *       (<a href="https://www.rfc-editor.org/rfc/rfc6125">RFC 6125</a>).</li>
 *   <li>OpenSSL (BoringSSL) when present, the JDK otherwise: {@link io.stormsocket.ssl.TlsProvider}.</li>
 *   <li>Certificate hot reload: {@link io.stormsocket.ssl.TlsServerOptions#reload()} and file watching.</li>
 *   <li>STARTTLS: pass the same options to {@link io.stormsocket.core.Session#startTls}.</li>
 *   <li>Development certificates in one call: {@link io.stormsocket.ssl.SelfSignedCertificates}.</li>
 * </ul>
 */
package io.stormsocket.ssl;
