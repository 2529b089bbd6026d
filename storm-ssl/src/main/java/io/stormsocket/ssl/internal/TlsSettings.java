package io.stormsocket.ssl.internal;

import io.stormsocket.ssl.TlsProvider;
import java.util.List;

/**
 * The policy shared by server and client contexts.
 *
 * @param provider the resolved provider (never AUTO)
 * @param protocols enabled protocol versions
 * @param cipherSuites enabled cipher suites, empty for the provider's defaults
 * @param applicationProtocols ALPN protocols in preference order, empty for none
 * @param handshakeTimeoutMillis the handshake timeout
 */
public record TlsSettings(TlsProvider provider, List<String> protocols, List<String> cipherSuites,
                          List<String> applicationProtocols, long handshakeTimeoutMillis) {
}
