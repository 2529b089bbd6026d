package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslHandler;
import io.stormsocket.core.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builders: defaults, validation, toBuilder, toString, and loading errors that name the problem. */
class OptionsTest {
    @TempDir
    Path dir;

    @Test
    void serverDefaults() {
        TlsServerOptions options = TlsServerOptions.builder().keyMaterial(TestPki.key(TestPki.SERVER)).build();
        assertThat(options.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(options.cipherSuites()).isEmpty();
        assertThat(options.applicationProtocols()).isEmpty();
        assertThat(options.clientAuth()).isEqualTo(ClientAuth.NONE);
        assertThat(options.trustedClientCertificates()).isEmpty();
        assertThat(options.sniHosts()).isEmpty();
        assertThat(options.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.provider()).isEqualTo(TlsProvider.AUTO);
    }

    @Test
    void clientDefaults() {
        TlsClientOptions options = TlsClientOptions.builder().build();
        assertThat(options.hostnameVerification()).isTrue();
        assertThat(options.trustsAll()).isFalse();
        assertThat(options.trust().toString()).contains("jdkDefault");
        assertThat(options.serverName()).isEmpty();
        assertThat(options.keyMaterial()).isEmpty();
        assertThat(options.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(options.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void serverValidation() {
        assertThatThrownBy(() -> TlsServerOptions.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keyMaterial");
        TlsServerOptions.Builder base = TlsServerOptions.builder().keyMaterial(TestPki.key(TestPki.SERVER));
        assertThatThrownBy(() -> TlsServerOptions.builder().keyMaterial(TestPki.key(TestPki.SERVER))
                .clientAuth(ClientAuth.REQUIRE).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("trustedClientCertificates");
        assertThatThrownBy(() -> TlsServerOptions.builder().keyMaterial(TestPki.key(TestPki.SERVER))
                .trustedClientCertificates(TestPki.trust(TestPki.CA)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("clientAuth");
        assertThatThrownBy(() -> base.protocols()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.protocols("SSLv3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.cipherSuites(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.applicationProtocols("h2", "h2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.handshakeTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.sniHost("a.*.com", TestPki.key(TestPki.SNI_A))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.sniHost("*", TestPki.key(TestPki.SNI_A))).isInstanceOf(IllegalArgumentException.class);
        for (TlsProvider provider : List.of(TlsProvider.JDK, TlsProvider.OPENSSL)) {
            assertThatThrownBy(() -> base.cipherSuites("TLS_NO_SUCH_SUITE").provider(provider).build())
                    .as("unknown suite with %s", provider).isInstanceOf(TlsConfigurationException.class);
            assertThatThrownBy(() -> TlsClientOptions.builder().cipherSuites("TLS_NO_SUCH_SUITE").provider(provider).build())
                    .as("unknown suite with %s", provider).isInstanceOf(TlsConfigurationException.class);
        }
    }

    @Test
    void clientValidation() {
        assertThatThrownBy(() -> TlsClientOptions.builder().trust(TrustMaterial.jdkDefault()).insecureTrustAll().build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TlsClientOptions.builder().serverName(" ")).isInstanceOf(IllegalArgumentException.class);
        TlsClientOptions verifying = TlsClientOptions.builder().build();
        EmbeddedChannel channel = new EmbeddedChannel();
        try {
            assertThatThrownBy(() -> verifying.newHandler(channel, Optional.of(Endpoint.unix(Path.of("/tmp/x.sock")))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("serverName");
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void toBuilderRoundTripsAndToStringShowsNoSecrets() {
        TlsServerOptions server = TlsServerOptions.builder()
                .keyMaterial(KeyMaterial.pemText(TestPki.SERVER.getCertificatePathPEM(), TestPki.SERVER.getPrivateKeyPEM()))
                .sniHost("*.Example.com", TestPki.key(TestPki.SNI_WILDCARD))
                .clientAuth(ClientAuth.REQUEST).trustedClientCertificates(TestPki.trust(TestPki.CA))
                .protocols("TLSv1.3").applicationProtocols("h2").handshakeTimeout(Duration.ofSeconds(3))
                .provider(TlsProvider.JDK).build();
        TlsServerOptions copy = server.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(server.toString());
        assertThat(copy.sniHosts()).containsOnlyKeys("*.example.com");
        assertThat(server.toString()).contains("REQUEST", "TLSv1.3", "h2", "PT3S", "*.example.com")
                .doesNotContain("PRIVATE KEY");

        TlsClientOptions client = TlsClientOptions.builder().trust(TestPki.trust(TestPki.CA)).serverName("localhost")
                .keyMaterial(TestPki.key(TestPki.CLIENT)).insecureDisableHostnameVerification()
                .cipherSuites("TLS_AES_128_GCM_SHA256").provider(TlsProvider.OPENSSL).build();
        assertThat(client.toBuilder().build().toString()).isEqualTo(client.toString());
        assertThat(client.toString()).contains("hostnameVerification=false", "localhost", "TLS_AES_128_GCM_SHA256");
    }

    @Test
    void serverHandlersAreSslHandlersOrSniHandlersWithTheTimeout() {
        TlsServerOptions plain = TlsServerOptions.builder().keyMaterial(TestPki.key(TestPki.SERVER))
                .handshakeTimeout(Duration.ofSeconds(3)).build();
        TlsServerOptions sni = plain.toBuilder().sniHost("a.example.com", TestPki.key(TestPki.SNI_A)).build();
        EmbeddedChannel channel = new EmbeddedChannel();
        try {
            SslHandler handler = (SslHandler) plain.newHandler(channel, Optional.empty());
            assertThat(handler.getHandshakeTimeoutMillis()).isEqualTo(3000);
            channel.pipeline().addLast(handler);
            assertThat(sni.newHandler(channel, Optional.empty())).isInstanceOf(SniHandler.class);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void loadingErrorsNameTheFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsServerOptions.builder().keyMaterial(KeyMaterial.pem(missing, missing)).build())
                .isInstanceOf(TlsConfigurationException.class).hasMessageContaining(missing.toString());
        Path certOnly = dir.resolve("cert.pem");
        Files.writeString(certOnly, TestPki.SERVER.getCertificatePEM());
        assertThatThrownBy(() -> TlsServerOptions.builder().keyMaterial(KeyMaterial.pem(certOnly, certOnly)).build())
                .isInstanceOf(TlsConfigurationException.class).hasMessageContaining("no PEM private key");
        assertThatThrownBy(() -> KeyMaterial.pemText("garbage", TestPki.SERVER.getPrivateKeyPEM()))
                .isInstanceOf(TlsConfigurationException.class).hasMessageContaining("no PEM certificate");
        String encrypted = Keys.encryptedPkcs8Pem(TestPki.SERVER.getKeyPair().getPrivate(), "pw".toCharArray());
        assertThatThrownBy(() -> KeyMaterial.pemText(TestPki.SERVER.getCertificatePEM(), encrypted))
                .isInstanceOf(TlsConfigurationException.class).hasMessageContaining("give its password");
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        assertThatThrownBy(() -> KeyMaterial.keyStore(empty, "x".toCharArray()))
                .isInstanceOf(TlsConfigurationException.class).hasMessageContaining("no private key entry");
        Path p12 = dir.resolve("server.p12");
        try (var out = Files.newOutputStream(p12)) {
            TestPki.SERVER.toKeyStore("right".toCharArray()).store(out, "right".toCharArray());
        }
        assertThatThrownBy(() -> TlsServerOptions.builder().keyMaterial(KeyMaterial.pkcs12(p12, "wrong".toCharArray())).build())
                .isInstanceOf(TlsConfigurationException.class).hasMessageContaining(p12.toString());
        assertThatThrownBy(() -> KeyMaterial.pemText(TestPki.SERVER.getCertificatePEM(), TestPki.CLIENT.getPrivateKeyPEM()))
                .isInstanceOf(TlsConfigurationException.class).hasMessageContaining("does not belong");
        TestPki.PemFiles renewedCertOldKey = TestPki.write(dir, "half", TestPki.SERVER);
        Files.writeString(renewedCertOldKey.chain(), TestPki.SERVER_RENEWED.getCertificatePathPEM());
        assertThatThrownBy(() -> TlsServerOptions.builder()
                .keyMaterial(KeyMaterial.pem(renewedCertOldKey.chain(), renewedCertOldKey.key())).build())
                .isInstanceOf(TlsConfigurationException.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> TlsServerOptions.builder().keyMaterial(KeyMaterial.from(() -> null)).build())
                .isInstanceOf(TlsConfigurationException.class).hasMessageContaining("null");
    }

    @Test
    void keyMaterialReadsTheChainAndOlderKeyFormats() throws Exception {
        assertThat(TestPki.key(TestPki.SERVER).certificateChain()).containsExactly(TestPki.SERVER.getCertificatePath());
        // "BEGIN EC PRIVATE KEY" (SEC1), as older openssl versions write: read for convenience.
        Path sec1 = dir.resolve("sec1.key");
        try (OpenSslProcess ec = OpenSslProcess.start(dir, "ec", "-out", sec1.toString())) {
            ec.writeLine(TestPki.SERVER.getPrivateKeyPEM());
            ec.closeInput();
            io.stormsocket.testing.Await.until("openssl ec finished", ec::exited);
        }
        assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
        KeyMaterial material = KeyMaterial.pemText(TestPki.SERVER.getCertificatePathPEM(), Files.readString(sec1));
        assertThat(TlsServerOptions.builder().keyMaterial(material).build().keyMaterial().certificateChain()).hasSize(1);
        assertThat(List.of(material.toString())).noneMatch(s -> s.contains("PRIVATE"));
    }
}
