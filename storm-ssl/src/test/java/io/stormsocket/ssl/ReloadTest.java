package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.pkitesting.X509Bundle;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.Subscription;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Certificate hot reload: new connections get the new certificate, open ones keep working. */
class ReloadTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    @TempDir
    Path dir;

    private record Connection(StormClient client, EventRecorder events, Session session) {
    }

    private Connection connect(StormServer server, TlsProvider provider) {
        StormClient client = Tls.client(storm, server, Tls.trustingCa(provider).build());
        EventRecorder events = EventRecorder.attach(client);
        Session session = Await.result(client.connect());
        events.awaitConnected();
        return new Connection(client, events, session);
    }

    private static String served(Connection connection) {
        return TestPki.subject(TlsSessions.peerCertificates(connection.session()).get(0));
    }

    private static void replace(TestPki.PemFiles files, X509Bundle bundle) throws Exception {
        Files.writeString(files.chain(), bundle.getCertificatePathPEM());
        Files.writeString(files.key(), bundle.getPrivateKeyPEM());
        // Make the change visible to a poller even on file systems with coarse timestamps.
        FileTime later = FileTime.from(Instant.now().plusSeconds(5));
        Files.setLastModifiedTime(files.chain(), later);
        Files.setLastModifiedTime(files.key(), later);
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void reloadSwitchesNewConnectionsWhileOldOnesKeepWorking(TlsProvider provider) throws Exception {
        TestPki.PemFiles files = TestPki.write(dir, "server", TestPki.SERVER);
        TlsServerOptions tls = TlsServerOptions.builder().keyMaterial(KeyMaterial.pem(files.chain(), files.key()))
                .provider(provider).build();
        StormServer server = Tls.echoServer(storm, tls);

        Connection old = connect(server, provider);
        assertThat(served(old)).isEqualTo("CN=localhost");
        Tls.assertEcho(old.client(), old.events(), "before reload");

        replace(files, TestPki.SERVER_RENEWED);
        tls.reload();

        Connection renewed = connect(server, provider);
        assertThat(served(renewed)).isEqualTo("CN=localhost,O=Renewed");
        Tls.assertEcho(renewed.client(), renewed.events(), "new certificate");
        // The connection made before the reload still talks, on its original certificate.
        Tls.assertEcho(old.client(), old.events(), "after reload");
        assertThat(served(old)).isEqualTo("CN=localhost");
    }

    @Test
    void aFailedReloadKeepsTheCurrentCertificate() throws Exception {
        TestPki.PemFiles files = TestPki.write(dir, "server", TestPki.SERVER);
        TlsServerOptions tls = TlsServerOptions.builder().keyMaterial(KeyMaterial.pem(files.chain(), files.key())).build();
        StormServer server = Tls.echoServer(storm, tls);
        Files.writeString(files.key(), "-----BEGIN PRIVATE KEY-----\ntruncated");

        assertThatThrownBy(tls::reload).isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining(files.key().toString());
        Connection connection = connect(server, TlsProvider.AUTO);
        assertThat(served(connection)).isEqualTo("CN=localhost");
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void reloadAsksASupplierForTheCurrentMaterial(TlsProvider provider) {
        AtomicReference<X509Bundle> current = new AtomicReference<>(TestPki.SERVER);
        TlsServerOptions tls = TlsServerOptions.builder()
                .keyMaterial(KeyMaterial.from(() -> TestPki.key(current.get())))
                .sniHost("a.example.com", TestPki.key(TestPki.SNI_A))
                .provider(provider).build();
        StormServer server = Tls.echoServer(storm, tls);
        assertThat(served(connect(server, provider))).isEqualTo("CN=localhost");

        current.set(TestPki.SERVER_RENEWED);
        tls.reload();
        assertThat(served(connect(server, provider))).isEqualTo("CN=localhost,O=Renewed");
    }

    @Test
    void watchedFilesAreReloadedWhenTheyChange() throws Exception {
        TestPki.PemFiles files = TestPki.write(dir, "server", TestPki.SERVER);
        TlsServerOptions tls = TlsServerOptions.builder().keyMaterial(KeyMaterial.pem(files.chain(), files.key())).build();
        assertThat(tls.files()).containsExactly(files.chain(), files.key());
        StormServer server = Tls.echoServer(storm, tls);
        Subscription watch = storm.closeAfter(tls.watchFiles(Duration.ofMillis(20)));

        replace(files, TestPki.SERVER_RENEWED);
        // Await, not sleep: poll new connections until the watcher has swapped the certificate.
        Await.until("the watcher reloaded the renewed certificate",
                () -> served(connect(server, TlsProvider.AUTO)).equals("CN=localhost,O=Renewed"));
        watch.close();
    }

    @Test
    void watchingNeedsFiles() {
        TlsServerOptions tls = TlsServerOptions.builder().keyMaterial(TestPki.key(TestPki.SERVER)).build();
        assertThat(tls.files()).isEmpty();
        assertThatThrownBy(() -> tls.watchFiles(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tls.watchFiles(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
