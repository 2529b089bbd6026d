package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslHandler;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.internal.PipelineNames;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SNI: the server picks its certificate by the host name the client asks for. */
class SniTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    private StormServer server;

    private void startServer(TlsProvider provider) {
        server = Tls.echoServer(storm, TlsServerOptions.builder()
                .keyMaterial(TestPki.key(TestPki.SNI_DEFAULT))
                .sniHost("*.example.com", TestPki.key(TestPki.SNI_WILDCARD))
                .sniHost("A.Example.com", TestPki.key(TestPki.SNI_A))
                .provider(provider)
                .build());
    }

    /** Connects asking for a host name and returns the subject of the certificate the server sent. */
    private String certificateFor(TlsProvider provider, Optional<String> hostName, Optional<String> expectedServerName) {
        TlsClientOptions.Builder options = TlsClientOptions.builder().trust(TestPki.trust(TestPki.CA)).provider(provider);
        hostName.ifPresentOrElse(options::serverName, options::insecureDisableHostnameVerification);
        StormClient client = Tls.client(storm, server, options.build());
        try (EventRecorder serverEvents = EventRecorder.attach(server)) {
            EventRecorder events = EventRecorder.attach(client);
            Session session = Await.result(client.connect());
            events.awaitConnected();
            Session serverSession = serverEvents.awaitConnected();
            Tls.assertEcho(client, events, "sni");
            assertThat(TlsSessions.serverName(serverSession)).isEqualTo(expectedServerName);
            // The SslHandler that replaced the SniHandler kept core's pipeline name for the TLS stage.
            assertThat(serverSession.channel().pipeline().get(PipelineNames.TLS)).isInstanceOf(SslHandler.class);
            String subject = TestPki.subject(TlsSessions.peerCertificates(session).get(0));
            Await.result(client.disconnect());
            serverEvents.awaitData();
            serverEvents.awaitDisconnected(CloseReason.REMOTE_CLOSE);
            return subject;
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void exactNameWinsOverTheWildcard(TlsProvider provider) {
        startServer(provider);
        assertThat(certificateFor(provider, Optional.of("a.example.com"), Optional.of("a.example.com")))
                .isEqualTo("CN=a.example.com");
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void wildcardCoversOtherNamesOfTheDomain(TlsProvider provider) {
        startServer(provider);
        assertThat(certificateFor(provider, Optional.of("b.example.com"), Optional.of("b.example.com")))
                .isEqualTo("CN=*.example.com");
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void unknownNamesAndClientsWithoutSniGetTheDefault(TlsProvider provider) {
        startServer(provider);
        assertThat(certificateFor(provider, Optional.of("default.example.net"), Optional.of("default.example.net")))
                .isEqualTo("CN=default.example.net");
        // Connecting by IP literal sends no SNI at all.
        assertThat(certificateFor(provider, Optional.empty(), Optional.empty())).isEqualTo("CN=default.example.net");
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void theWildcardDoesNotCoverDeeperNames(TlsProvider provider) {
        startServer(provider);
        StormClient client = Tls.client(storm, server, TlsClientOptions.builder().trust(TestPki.trust(TestPki.CA))
                .serverName("x.y.example.com").provider(provider).build());
        EventRecorder events = EventRecorder.attach(client);
        // The default certificate is served, and it does not name x.y.example.com.
        Tls.assertClientFailed(client.connect(), events, true);
    }
}
