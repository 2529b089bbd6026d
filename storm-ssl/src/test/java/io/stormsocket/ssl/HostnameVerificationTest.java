package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.Session;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Clients verify that the server's certificate names the host, unless told otherwise explicitly. */
class HostnameVerificationTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    /** A server whose trusted certificate names elsewhere.example.org, not localhost or 127.0.0.1. */
    private StormServer wrongNameServer(TlsProvider provider) {
        return Tls.echoServer(storm, TlsServerOptions.builder().keyMaterial(TestPki.key(TestPki.WRONG_NAME))
                .provider(provider).build());
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void aCertificateForAnotherNameIsRefusedByDefault(TlsProvider provider) {
        StormServer server = wrongNameServer(provider);
        EventRecorder serverEvents = EventRecorder.attach(server);
        TlsClientOptions options = TlsClientOptions.builder().trust(TestPki.trust(TestPki.CA)).provider(provider).build();
        assertThat(options.hostnameVerification()).isTrue();
        StormClient client = Tls.client(storm, server, options);
        EventRecorder events = EventRecorder.attach(client);
        Throwable error = Tls.assertClientFailed(client.connect(), events, true);
        assertThat(Tls.causes(error)).contains("127.0.0.1");
        Tls.assertServerRefused(server, serverEvents);

        StormClient byName = Tls.client(storm, server, options.toBuilder().serverName("localhost").build());
        Tls.assertClientFailed(byName.connect(), EventRecorder.attach(byName), true);
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void theExplicitInsecureSwitchAcceptsIt(TlsProvider provider) {
        StormServer server = wrongNameServer(provider);
        TlsClientOptions options = TlsClientOptions.builder().trust(TestPki.trust(TestPki.CA))
                .insecureDisableHostnameVerification().provider(provider).build();
        assertThat(options.hostnameVerification()).isFalse();
        StormClient client = Tls.client(storm, server, options);
        EventRecorder events = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();
        Tls.assertEcho(client, events, "no hostname check");
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void theRightServerNameMakesItValid(TlsProvider provider) {
        StormServer server = wrongNameServer(provider);
        StormClient client = Tls.client(storm, server, TlsClientOptions.builder().trust(TestPki.trust(TestPki.CA))
                .serverName("elsewhere.example.org").provider(provider).build());
        Session session = Await.result(client.connect());
        assertThat(TlsSessions.isSecure(session)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void insecureTrustAllAcceptsAnyCertificate(TlsProvider provider) {
        StormServer server = Tls.echoServer(storm, TlsServerOptions.builder()
                .keyMaterial(TestPki.key(TestPki.UNKNOWN_CA_SERVER)).provider(provider).build());
        TlsClientOptions options = TlsClientOptions.builder().insecureTrustAll().provider(provider).build();
        assertThat(options.trustsAll()).isTrue();
        assertThat(options.hostnameVerification()).isFalse();
        assertThat(options.toString()).contains("INSECURE");
        StormClient client = Tls.client(storm, server, options);
        EventRecorder events = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();
        Tls.assertEcho(client, events, "trusting everyone");
    }
}
