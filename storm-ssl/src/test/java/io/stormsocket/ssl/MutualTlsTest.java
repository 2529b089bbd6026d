package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.Session;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.security.Principal;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Mutual TLS: client certificates required or requested, and the peer identity on the server. */
class MutualTlsTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    private static TlsServerOptions requiring(TlsProvider provider, io.stormsocket.ssl.ClientAuth mode) {
        return Tls.serverOptions(provider).clientAuth(mode).trustedClientCertificates(TestPki.trust(TestPki.CA)).build();
    }

    /** Each provider with each protocol: TLS 1.2 and 1.3 refuse a client certificate at different moments. */
    static Stream<Arguments> providersAndProtocols() {
        return Stream.of(TlsProvider.JDK, TlsProvider.OPENSSL)
                .flatMap(p -> Stream.of(Arguments.of(p, "TLSv1.3"), Arguments.of(p, "TLSv1.2")));
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void acceptsATrustedClientCertificateAndExposesItsIdentity(TlsProvider provider) {
        StormServer server = Tls.echoServer(storm, requiring(provider, io.stormsocket.ssl.ClientAuth.REQUIRE));
        EventRecorder serverEvents = EventRecorder.attach(server);
        StormClient client = Tls.client(storm, server,
                Tls.trustingCa(provider).keyMaterial(TestPki.key(TestPki.CLIENT)).build());
        EventRecorder events = EventRecorder.attach(client);
        Session session = Await.result(client.connect());
        events.awaitConnected();
        Session serverSession = serverEvents.awaitConnected();
        Tls.assertEcho(client, events, "authenticated");

        assertThat(TlsSessions.peerPrincipal(serverSession)).map(Principal::getName).contains("CN=client-1,O=Storm Tests");
        assertThat(TlsSessions.peerCertificates(serverSession)).isNotEmpty()
                .first().satisfies(c -> assertThat(c).isEqualTo(TestPki.CLIENT.getCertificate()));
        assertThat(TlsSessions.peerPrincipal(session)).map(Principal::getName).contains("CN=localhost");
    }

    @ParameterizedTest
    @MethodSource("providersAndProtocols")
    void refusesAClientWithoutACertificate(TlsProvider provider, String protocol) {
        StormServer server = Tls.echoServer(storm, requiring(provider, io.stormsocket.ssl.ClientAuth.REQUIRE));
        EventRecorder serverEvents = EventRecorder.attach(server);
        StormClient client = Tls.client(storm, server, Tls.trustingCa(provider).protocols(protocol).build());
        EventRecorder events = EventRecorder.attach(client);
        var connect = client.connect();
        Tls.assertServerRefused(server, serverEvents);
        Tls.assertClientFailed(connect, events, protocol.equals("TLSv1.2"));
        serverEvents.assertNoMoreEvents();
    }

    @ParameterizedTest
    @MethodSource("providersAndProtocols")
    void refusesAnUntrustedClientCertificate(TlsProvider provider, String protocol) {
        StormServer server = Tls.echoServer(storm, requiring(provider, io.stormsocket.ssl.ClientAuth.REQUIRE));
        EventRecorder serverEvents = EventRecorder.attach(server);
        StormClient client = Tls.client(storm, server, Tls.trustingCa(provider).protocols(protocol)
                .keyMaterial(TestPki.key(TestPki.UNTRUSTED_CLIENT)).build());
        EventRecorder events = EventRecorder.attach(client);
        var connect = client.connect();
        Throwable refused = Tls.assertServerRefused(server, serverEvents);
        assertThat(Tls.causes(refused)).containsIgnoringCase("certif");
        Tls.assertClientFailed(connect, events, protocol.equals("TLSv1.2"));
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void requestModeAcceptsClientsWithAndWithoutACertificate(TlsProvider provider) {
        StormServer server = Tls.echoServer(storm, requiring(provider, io.stormsocket.ssl.ClientAuth.REQUEST));
        EventRecorder serverEvents = EventRecorder.attach(server);

        StormClient anonymous = Tls.client(storm, server, Tls.trustingCa(provider).build());
        Await.result(anonymous.connect());
        Session anonymousSession = serverEvents.awaitConnected();
        assertThat(TlsSessions.peerCertificates(anonymousSession)).isEmpty();
        assertThat(TlsSessions.peerPrincipal(anonymousSession)).isEmpty();

        StormClient identified = Tls.client(storm, server,
                Tls.trustingCa(provider).keyMaterial(TestPki.key(TestPki.CLIENT)).build());
        Await.result(identified.connect());
        Session identifiedSession = serverEvents.awaitConnected();
        assertThat(TlsSessions.peerPrincipal(identifiedSession)).map(Principal::getName).contains("CN=client-1,O=Storm Tests");
    }
}
