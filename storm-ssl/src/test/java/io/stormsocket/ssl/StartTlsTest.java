package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.security.Principal;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** STARTTLS: a plaintext session upgraded with Session.startTls and storm-ssl's options on both ends. */
class StartTlsTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    private StormServer startTlsServer(TlsServerOptions tls) {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()));
        server.onDataReceived((session, data) -> {
            String line = data.text();
            if (line.equals("STARTTLS")) {
                session.send("GO AHEAD");
                session.startTls(tls);
            } else {
                String who = TlsSessions.peerPrincipal(session).map(Principal::getName).orElse("anonymous");
                session.send((TlsSessions.isSecure(session) ? "tls " : "plain ") + who + " " + line);
            }
        });
        return storm.start(server);
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void upgradesALivePlaintextSessionOnBothEnds(TlsProvider provider) {
        StormServer server = startTlsServer(Tls.serverOptions(provider).clientAuth(io.stormsocket.ssl.ClientAuth.REQUEST)
                .trustedClientCertificates(TestPki.trust(TestPki.CA)).build());
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        EventRecorder events = EventRecorder.attach(client);
        Session session = Await.result(client.connect());
        events.awaitConnected();

        client.send("hello");
        assertThat(events.awaitData().text()).isEqualTo("plain anonymous hello");
        client.send("STARTTLS");
        assertThat(events.awaitData().text()).isEqualTo("GO AHEAD");
        Await.result(session.startTls(Tls.trustingCa(provider).keyMaterial(TestPki.key(TestPki.CLIENT)).build()));

        assertThat(TlsSessions.isSecure(session)).isTrue();
        assertThat(TlsSessions.peerPrincipal(session)).map(Principal::getName).contains("CN=localhost");
        client.send("secret");
        assertThat(events.awaitData().text()).isEqualTo("tls CN=client-1,O=Storm Tests secret");
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void upgradesThroughAnSniServer(TlsProvider provider) {
        StormServer server = startTlsServer(TlsServerOptions.builder().keyMaterial(TestPki.key(TestPki.SERVER))
                .sniHost("a.example.com", TestPki.key(TestPki.SNI_A)).provider(provider).build());
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        EventRecorder events = EventRecorder.attach(client);
        Session session = Await.result(client.connect());
        events.awaitConnected();
        client.send("STARTTLS");
        assertThat(events.awaitData().text()).isEqualTo("GO AHEAD");
        Await.result(session.startTls(TlsClientOptions.builder().trust(TestPki.trust(TestPki.CA))
                .serverName("a.example.com").provider(provider).build()));
        assertThat(TestPki.subject(TlsSessions.peerCertificates(session).get(0))).isEqualTo("CN=a.example.com");
        client.send("via sni");
        assertThat(events.awaitData().text()).isEqualTo("tls anonymous via sni");
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void aFailedUpgradeClosesWithATlsError(TlsProvider provider) {
        StormServer server = startTlsServer(Tls.serverOptions(provider).build());
        EventRecorder serverEvents = EventRecorder.attach(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        EventRecorder events = EventRecorder.attach(client);
        Session session = Await.result(client.connect());
        events.awaitConnected();
        serverEvents.awaitConnected();
        client.send("STARTTLS");
        assertThat(events.awaitData().text()).isEqualTo("GO AHEAD");
        // The client trusts another CA: its upgrade fails, and so does the server's.
        Throwable failure = Await.failure(session.startTls(TlsClientOptions.builder()
                .trust(TestPki.trust(TestPki.OTHER_CA)).serverName("localhost").provider(provider).build()));
        assertThat(failure).isInstanceOf(SSLException.class);
        assertThat(Await.result(session.closeFuture())).isEqualTo(CloseReason.TLS_ERROR);
        assertThat(serverEvents.awaitData().text()).isEqualTo("STARTTLS");
        assertThat(serverEvents.awaitError()).isInstanceOf(SSLException.class);
        serverEvents.awaitDisconnected(CloseReason.TLS_ERROR);
    }
}
