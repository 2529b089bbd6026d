package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stormsocket.core.Session;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Development certificates in one call, usable as key material and as trust, in each form. */
class SelfSignedCertificatesTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    @TempDir
    Path dir;

    @Test
    void certificateNamesEveryHostAndIsValidNow() throws Exception {
        SelfSignedCertificates dev = SelfSignedCertificates.create("localhost", "127.0.0.1", "*.dev.test");
        X509Certificate certificate = dev.certificate();
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.checkValidity();
        assertThat(certificate.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(364)));
        assertThat(certificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                .containsExactly("localhost", "127.0.0.1", "*.dev.test");
        assertThat(certificate.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(dev.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(dev.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(dev.names()).containsExactly("localhost", "127.0.0.1", "*.dev.test");
        assertThat(dev.toString()).doesNotContain("PRIVATE");
        assertThat(SelfSignedCertificates.create(Duration.ofHours(2), "short").certificate().getNotAfter().toInstant())
                .isBefore(Instant.now().plus(Duration.ofHours(3)));
        assertThatThrownBy(() -> SelfSignedCertificates.create(Duration.ZERO, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void servesAndIsTrustedInEveryForm(TlsProvider provider) throws Exception {
        SelfSignedCertificates dev = SelfSignedCertificates.create("localhost", "127.0.0.1");
        char[] password = "changeit".toCharArray();
        Files.writeString(dir.resolve("dev.pem"), dev.certificatePem());
        Files.writeString(dir.resolve("dev.key"), dev.privateKeyPem());
        List<KeyMaterial> keys = List.of(dev.keyMaterial(),
                KeyMaterial.pemText(dev.certificatePem(), dev.privateKeyPem()),
                KeyMaterial.pem(dir.resolve("dev.pem"), dir.resolve("dev.key")),
                KeyMaterial.keyStore(dev.keyStore(password), "storm", password));
        List<TrustMaterial> trusts = List.of(dev.trustMaterial(), TrustMaterial.pemText(dev.certificatePem()),
                TrustMaterial.pem(dir.resolve("dev.pem")), TrustMaterial.keyStore(dev.trustStore()));
        for (int i = 0; i < keys.size(); i++) {
            StormServer server = Tls.echoServer(storm, TlsServerOptions.builder().keyMaterial(keys.get(i)).provider(provider).build());
            StormClient client = Tls.client(storm, server, TlsClientOptions.builder().trust(trusts.get(i)).provider(provider).build());
            EventRecorder events = EventRecorder.attach(client);
            Session session = Await.result(client.connect());
            events.awaitConnected();
            Tls.assertEcho(client, events, "dev " + i);
            assertThat(TlsSessions.peerCertificates(session)).containsExactly(dev.certificate());
        }
    }

    @Test
    void opensslTrustsItAsItsOwnCa() throws Exception {
        SelfSignedCertificates dev = SelfSignedCertificates.create("localhost");
        StormServer server = Tls.echoServer(storm, TlsServerOptions.builder().keyMaterial(dev.keyMaterial()).build());
        Path ca = dir.resolve("dev.pem");
        Files.writeString(ca, dev.certificatePem());
        OpenSslProcess client = storm.closeAfter(OpenSslProcess.start(dir, "s_client",
                "-connect", "127.0.0.1:" + server.port(), "-servername", "localhost", "-CAfile", ca.toString(),
                "-verify_return_error", "-verify_hostname", "localhost", "-quiet"));
        client.writeLine("self-signed");
        client.awaitLine("the echo", "self-signed"::equals);
    }
}
