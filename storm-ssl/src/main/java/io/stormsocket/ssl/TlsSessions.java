package io.stormsocket.ssl;

import io.netty.handler.ssl.SslHandler;
import io.stormsocket.core.Session;
import io.stormsocket.ssl.internal.StormSniHandler;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What TLS negotiated for a session: the peer's identity (mutual TLS on a server, the server's
 * certificate on a client), protocol, cipher suite, ALPN protocol and SNI host name.
 *
 * <pre>{@code
 * server.onConnected(session -> {
 *     String user = TlsSessions.peerPrincipal(session).map(Principal::getName).orElse("anonymous");
 *     ...
 * });
 * }</pre>
 *
 * <p>Every method answers "absent" (or an empty list) for a plaintext session, for one whose
 * handshake has not completed, and for one that has closed (the TLS state goes with the
 * connection: read what you need in {@code onConnected} and keep it as a session attribute). In
 * {@code onConnected} the handshake is always complete. Threading: any thread.
 */
public final class TlsSessions {
    private TlsSessions() {
    }

    /**
     * Returns the TLS session once the handshake has succeeded.
     *
     * @param session a Storm session
     * @return the JSSE session (whichever provider is in use); absent for plaintext or before the handshake
     */
    public static Optional<SSLSession> sslSession(Session session) {
        SslHandler handler = session.channel().pipeline().get(SslHandler.class);
        if (handler == null || !handler.handshakeFuture().isSuccess()) {
            return Optional.empty();
        }
        return Optional.of(handler.engine().getSession());
    }

    /**
     * Tells whether the session is encrypted: TLS is in place and its handshake has succeeded.
     *
     * @param session a Storm session
     * @return {@code true} for a TLS session past its handshake
     */
    public static boolean isSecure(Session session) {
        return sslSession(session).isPresent();
    }

    /**
     * Returns the certificate chain the peer presented, leaf first: the client's on a server with
     * mutual TLS, the server's on a client.
     *
     * @param session a Storm session
     * @return the chain; empty if the peer sent none, for plaintext, or before the handshake
     */
    public static List<X509Certificate> peerCertificates(Session session) {
        Optional<SSLSession> ssl = sslSession(session);
        if (ssl.isEmpty()) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : ssl.get().getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            return List.copyOf(chain);
        } catch (SSLPeerUnverifiedException noCertificate) {
            return List.of();
        }
    }

    /**
     * Returns the peer's identity: the subject of its certificate.
     *
     * @param session a Storm session
     * @return the principal (an {@link javax.security.auth.x500.X500Principal}); absent if the peer
     *     sent no certificate, for plaintext, or before the handshake
     */
    public static Optional<Principal> peerPrincipal(Session session) {
        Optional<SSLSession> ssl = sslSession(session);
        if (ssl.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ssl.get().getPeerPrincipal());
        } catch (SSLPeerUnverifiedException noCertificate) {
            return Optional.empty();
        }
    }

    /**
     * Returns the negotiated protocol version.
     *
     * @param session a Storm session
     * @return such as {@code "TLSv1.3"}; absent for plaintext or before the handshake
     */
    public static Optional<String> protocol(Session session) {
        return sslSession(session).map(SSLSession::getProtocol);
    }

    /**
     * Returns the negotiated cipher suite.
     *
     * @param session a Storm session
     * @return its IANA / Java name, such as {@code "TLS_AES_128_GCM_SHA256"}; absent for plaintext
     *     or before the handshake
     */
    public static Optional<String> cipherSuite(Session session) {
        return sslSession(session).map(SSLSession::getCipherSuite);
    }

    /**
     * Returns the application protocol agreed through ALPN.
     *
     * @param session a Storm session
     * @return such as {@code "h2"}; absent if ALPN was not used or found no common protocol
     */
    public static Optional<String> applicationProtocol(Session session) {
        SslHandler handler = session.channel().pipeline().get(SslHandler.class);
        if (handler == null || !handler.handshakeFuture().isSuccess()) {
            return Optional.empty();
        }
        return Optional.ofNullable(handler.applicationProtocol()).filter(p -> !p.isEmpty());
    }

    /**
     * Returns the host name the client asked for through SNI (server side).
     *
     * @param session a server's session
     * @return the requested host name in lower case; absent if the client sent none, on a client,
     *     for plaintext, or before the handshake
     */
    public static Optional<String> serverName(Session session) {
        Optional<SSLSession> ssl = sslSession(session);
        if (ssl.isEmpty()) {
            return Optional.empty();
        }
        String recorded = session.channel().attr(StormSniHandler.SERVER_NAME).get();
        if (recorded != null) {
            return Optional.of(recorded);
        }
        if (ssl.get() instanceof ExtendedSSLSession extended) {
            try {
                for (SNIServerName name : extended.getRequestedServerNames()) {
                    if (name instanceof SNIHostName host) {
                        return Optional.of(host.getAsciiName().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            } catch (UnsupportedOperationException notTracked) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
