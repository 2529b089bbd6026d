package io.stormsocket.ssl;

/** Whether a server asks clients for a certificate (mutual TLS). */
public enum ClientAuth {
    /** No client certificate is asked for. */
    NONE,
    /**
     * A certificate is asked for but optional; one that is sent must be trusted. Check
     * {@link TlsSessions#peerCertificates} to see whether the client sent one.
     */
    REQUEST,
    /** A trusted client certificate is required; the handshake fails without one. */
    REQUIRE
}
