package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.Sockets;
import io.stormsocket.testing.StormExtension;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Why handshakes fail, seen from both ends: each failure reaches onError with its cause, no session
 * opens, and the connection closes with {@link CloseReason#TLS_ERROR}.
 */
class HandshakeFailureTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    private StormServer server(TlsServerOptions tls) {
        return Tls.echoServer(storm, tls);
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void unknownCa(TlsProvider provider) {
        StormServer server = server(TlsServerOptions.builder().keyMaterial(TestPki.key(TestPki.UNKNOWN_CA_SERVER))
                .provider(provider).build());
        EventRecorder serverEvents = EventRecorder.attach(server);
        StormClient client = Tls.client(storm, server, Tls.trustingCa(provider).build());
        Throwable error = Tls.assertClientFailed(client.connect(), EventRecorder.attach(client), true);
        assertThat(Tls.causes(error)).containsAnyOf("PKIX path", "unable to find valid certification path");
        Tls.assertServerRefused(server, serverEvents);
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void expiredCertificate(TlsProvider provider) {
        StormServer server = server(TlsServerOptions.builder().keyMaterial(TestPki.key(TestPki.EXPIRED))
                .provider(provider).build());
        EventRecorder serverEvents = EventRecorder.attach(server);
        StormClient client = Tls.client(storm, server, Tls.trustingCa(provider).build());
        Throwable error = Tls.assertClientFailed(client.connect(), EventRecorder.attach(client), true);
        assertThat(error).hasRootCauseInstanceOf(CertificateExpiredException.class);
        Tls.assertServerRefused(server, serverEvents);
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void protocolMismatch(TlsProvider provider) {
        StormServer server = server(Tls.serverOptions(provider).protocols("TLSv1.3").build());
        EventRecorder serverEvents = EventRecorder.attach(server);
        StormClient client = Tls.client(storm, server, Tls.trustingCa(provider).protocols("TLSv1.2").build());
        Tls.assertClientFailed(client.connect(), EventRecorder.attach(client), true);
        Throwable refused = Tls.assertServerRefused(server, serverEvents);
        assertThat(Tls.causes(refused).toLowerCase(java.util.Locale.ROOT)).contains("protocol");
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void hostnameMismatch(TlsProvider provider) {
        StormServer server = server(TlsServerOptions.builder().keyMaterial(TestPki.key(TestPki.WRONG_NAME))
                .provider(provider).build());
        EventRecorder serverEvents = EventRecorder.attach(server);
        StormClient client = Tls.client(storm, server, Tls.trustingCa(provider).build());
        Throwable error = Tls.assertClientFailed(client.connect(), EventRecorder.attach(client), true);
        assertThat(Tls.causes(error)).contains("localhost");
        Tls.assertServerRefused(server, serverEvents);
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void plaintextToATlsPortIsRefused(TlsProvider provider) throws Exception {
        StormServer server = server(Tls.serverOptions(provider).build());
        EventRecorder serverEvents = EventRecorder.attach(server);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Tls.assertServerRefused(server, serverEvents);
            Sockets.assertClosedByPeer(socket);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void aSilentClientTimesOut(TlsProvider provider) throws Exception {
        assertSilentClientTimesOut(Tls.serverOptions(provider).handshakeTimeout(Duration.ofMillis(200)).build());
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void aSilentClientTimesOutOnAnSniServerToo(TlsProvider provider) throws Exception {
        assertSilentClientTimesOut(Tls.serverOptions(provider).sniHost("a.example.com", TestPki.key(TestPki.SNI_A))
                .handshakeTimeout(Duration.ofMillis(200)).build());
    }

    private void assertSilentClientTimesOut(TlsServerOptions tls) throws Exception {
        StormServer server = server(tls);
        EventRecorder serverEvents = EventRecorder.attach(server);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            Throwable refused = Tls.assertServerRefused(server, serverEvents);
            assertThat(refused).isInstanceOf(SslHandshakeTimeoutException.class);
            Sockets.assertClosedByPeer(socket);
        }
    }
}
