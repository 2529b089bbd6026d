package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stormsocket.core.Session;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Echo over TLS with each provider and each kind of key material, and what TLS negotiated. */
class TlsEchoTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    @TempDir
    Path dir;

    private void assertEchoWorks(TlsServerOptions serverTls, TlsClientOptions clientTls) {
        StormServer server = Tls.echoServer(storm, serverTls);
        EventRecorder serverEvents = EventRecorder.attach(server);
        StormClient client = Tls.client(storm, server, clientTls);
        EventRecorder events = EventRecorder.attach(client);
        Session session = Await.result(client.connect());
        events.awaitConnected();
        serverEvents.awaitConnected();
        Tls.assertEcho(client, events, "hello over TLS");
        Tls.assertEcho(client, events, "x".repeat(20_000));
        assertThat(TlsSessions.isSecure(session)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void echoesOverTlsWithPemFilesAndNegotiatesTls13(TlsProvider provider) {
        TestPki.PemFiles files = TestPki.write(dir, "server", TestPki.SERVER);
        TlsServerOptions serverTls = TlsServerOptions.builder().keyMaterial(KeyMaterial.pem(files.chain(), files.key()))
                .provider(provider).build();
        assertThat(serverTls.activeProvider()).isEqualTo(provider);
        StormServer server = Tls.echoServer(storm, serverTls);
        EventRecorder serverEvents = EventRecorder.attach(server);
        StormClient client = Tls.client(storm, server, Tls.trustingCa(provider).build());
        EventRecorder events = EventRecorder.attach(client);
        Session session = Await.result(client.connect());
        events.awaitConnected();
        Session serverSession = serverEvents.awaitConnected();
        Tls.assertEcho(client, events, "hello over TLS");

        assertThat(TlsSessions.protocol(session)).contains("TLSv1.3");
        assertThat(TlsSessions.protocol(serverSession)).contains("TLSv1.3");
        assertThat(TlsSessions.cipherSuite(session)).hasValueSatisfying(c -> assertThat(c).startsWith("TLS_"));
        assertThat(TlsSessions.cipherSuite(serverSession)).isEqualTo(TlsSessions.cipherSuite(session));
        assertThat(TlsSessions.peerCertificates(session)).hasSize(1)
                .first().satisfies(c -> assertThat(TestPki.subject(c)).isEqualTo("CN=localhost"));
        assertThat(TlsSessions.peerPrincipal(session)).hasValueSatisfying(p -> assertThat(p.getName()).isEqualTo("CN=localhost"));
        // No client certificate was asked for.
        assertThat(TlsSessions.peerCertificates(serverSession)).isEmpty();
        assertThat(TlsSessions.peerPrincipal(serverSession)).isEmpty();
        assertThat(TlsSessions.applicationProtocol(session)).isEmpty();
        assertThat(TlsSessions.serverName(serverSession)).contains("localhost");
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void echoesWithAnEncryptedPkcs8Key(TlsProvider provider) throws Exception {
        assertThatThrownBy(() -> KeyMaterial.pemText(TestPki.SERVER.getCertificatePathPEM(),
                Keys.encryptedPkcs8Pem(TestPki.SERVER.getKeyPair().getPrivate(), "s3cret".toCharArray()), "wrong".toCharArray()))
                .isInstanceOf(TlsConfigurationException.class).hasMessageContaining("wrong password");
        String encrypted = Keys.encryptedPkcs8Pem(TestPki.SERVER.getKeyPair().getPrivate(), "s3cret".toCharArray());
        java.nio.file.Files.writeString(dir.resolve("chain.pem"), TestPki.SERVER.getCertificatePathPEM());
        java.nio.file.Files.writeString(dir.resolve("key.pem"), encrypted);
        assertEchoWorks(TlsServerOptions.builder()
                        .keyMaterial(KeyMaterial.pem(dir.resolve("chain.pem"), dir.resolve("key.pem"), "s3cret".toCharArray()))
                        .provider(provider).build(),
                Tls.trustingCa(provider).build());
        assertEchoWorks(TlsServerOptions.builder()
                        .keyMaterial(KeyMaterial.pemText(TestPki.SERVER.getCertificatePathPEM(), encrypted, "s3cret".toCharArray()))
                        .provider(provider).build(),
                Tls.trustingCa(provider).build());
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void echoesWithPkcs12AndKeyStores(TlsProvider provider) throws Exception {
        char[] password = "p12pass".toCharArray();
        KeyStore keyStore = TestPki.SERVER.toKeyStore(password);
        Path p12 = dir.resolve("server.p12");
        try (var out = java.nio.file.Files.newOutputStream(p12)) {
            keyStore.store(out, password);
        }
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("ca", TestPki.CA.getCertificate());
        TlsClientOptions client = Tls.trustingCa(provider).trust(TrustMaterial.keyStore(trustStore)).build();
        assertEchoWorks(TlsServerOptions.builder().keyMaterial(KeyMaterial.pkcs12(p12, password)).provider(provider).build(), client);
        assertEchoWorks(TlsServerOptions.builder().keyMaterial(KeyMaterial.keyStore(keyStore, password)).provider(provider).build(), client);
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void trustsACaFromAPemFile(TlsProvider provider) throws Exception {
        Path ca = dir.resolve("ca.pem");
        java.nio.file.Files.writeString(ca, TestPki.CA.getCertificatePEM());
        assertEchoWorks(Tls.serverOptions(provider).build(),
                TlsClientOptions.builder().trust(TrustMaterial.pem(ca)).serverName("localhost").provider(provider).build());
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void verifiesTheAddressWhenConnectingByIp(TlsProvider provider) {
        // No serverName: the endpoint is 127.0.0.1, which the certificate lists as an IP SAN.
        assertEchoWorks(Tls.serverOptions(provider).build(),
                TlsClientOptions.builder().trust(TestPki.trust(TestPki.CA)).provider(provider).build());
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void mixedProvidersInteroperate(TlsProvider provider) {
        TlsProvider other = provider == TlsProvider.JDK ? TlsProvider.OPENSSL : TlsProvider.JDK;
        assertEchoWorks(Tls.serverOptions(provider).build(), Tls.trustingCa(other).build());
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void negotiatesAlpn(TlsProvider provider) {
        StormServer server = Tls.echoServer(storm, Tls.serverOptions(provider).applicationProtocols("h2", "storm/1").build());
        EventRecorder serverEvents = EventRecorder.attach(server);
        StormClient client = Tls.client(storm, server, Tls.trustingCa(provider).applicationProtocols("storm/1", "http/1.1").build());
        Session session = Await.result(client.connect());
        Session serverSession = serverEvents.awaitConnected();
        assertThat(TlsSessions.applicationProtocol(session)).contains("storm/1");
        assertThat(TlsSessions.applicationProtocol(serverSession)).contains("storm/1");

        StormClient noOverlap = Tls.client(storm, server, Tls.trustingCa(provider).applicationProtocols("imap").build());
        Session other = Await.result(noOverlap.connect());
        assertThat(TlsSessions.applicationProtocol(other)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void restrictsProtocolAndCipherSuite(TlsProvider provider) {
        String suite = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
        StormServer server = Tls.echoServer(storm, Tls.serverOptions(provider).protocols("TLSv1.2").cipherSuites(suite).build());
        StormClient client = Tls.client(storm, server, Tls.trustingCa(provider).build());
        EventRecorder events = EventRecorder.attach(client);
        Session session = Await.result(client.connect());
        events.awaitConnected();
        assertThat(TlsSessions.protocol(session)).contains("TLSv1.2");
        assertThat(TlsSessions.cipherSuite(session)).contains(suite);
        Tls.assertEcho(client, events, "tls 1.2");
    }
}
