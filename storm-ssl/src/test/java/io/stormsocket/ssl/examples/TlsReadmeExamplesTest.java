package io.stormsocket.ssl.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.Subscription;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.ssl.ClientAuth;
import io.stormsocket.ssl.KeyMaterial;
import io.stormsocket.ssl.SelfSignedCertificates;
import io.stormsocket.ssl.TlsClientOptions;
import io.stormsocket.ssl.TlsProvider;
import io.stormsocket.ssl.TlsServerOptions;
import io.stormsocket.ssl.TlsSessions;
import io.stormsocket.ssl.TrustMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of the README's TLS section, kept here so they compile and run. Each region between
 * {@code // README:name} and {@code // END} is what the README quotes; {@code TlsReadmeSectionTest}
 * checks they agree.
 */
class TlsReadmeExamplesTest {
    @TempDir
    Path certDir;

    private StormServer server;
    private StormClient client;
    private final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();

    /** Writes what a real deployment has on disk: a CA, a server chain and key, a client PKCS#12. */
    @BeforeEach
    void writeCertificates() throws Exception {
        X509Bundle ca = new CertificateBuilder().subject("CN=Example CA").setIsCertificateAuthority(true).buildSelfSigned();
        X509Bundle server = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
        X509Bundle api = new CertificateBuilder().subject("CN=api.example.com").addSanDnsName("api.example.com")
                .addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
        X509Bundle alice = new CertificateBuilder().subject("CN=alice").addExtendedKeyUsageClientAuth().buildIssuedBy(ca);
        Files.writeString(certDir.resolve("ca.pem"), ca.getCertificatePEM());
        Files.writeString(certDir.resolve("clients-ca.pem"), ca.getCertificatePEM());
        Files.writeString(certDir.resolve("fullchain.pem"), server.getCertificatePathPEM());
        Files.writeString(certDir.resolve("privkey.pem"), server.getPrivateKeyPEM());
        Files.writeString(certDir.resolve("api.pem"), api.getCertificatePathPEM());
        Files.writeString(certDir.resolve("api.key"), api.getPrivateKeyPEM());
        try (var out = Files.newOutputStream(certDir.resolve("alice.p12"))) {
            alice.toKeyStore("changeit".toCharArray()).store(out, "changeit".toCharArray());
        }
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private StormClient lineClient(TlsClientOptions tls) {
        StormClient c = StormClient.create(ClientConfig.builder().endpoint("127.0.0.1", server.port())
                .codec(FrameCodecs.lines()).tls(tls).build());
        c.onDataReceived((session, data) -> replies.add(data.text()));
        return c;
    }

    @Test
    void serverAndClient() throws Exception {
        // README:tls-server
        TlsServerOptions tls = TlsServerOptions.builder()
                .keyMaterial(KeyMaterial.pem(certDir.resolve("fullchain.pem"), certDir.resolve("privkey.pem")))
                .build();                                   // TLSv1.3 + TLSv1.2, OpenSSL if present
        StormServer server = StormServer.create(ServerConfig.builder()
                .endpoint(Endpoint.tcp("127.0.0.1", 0))
                .codec(FrameCodecs.lines())
                .tls(tls)                                   // the only line TLS adds
                .build());
        server.onDataReceived((session, data) -> session.send(data));
        server.start().get(5, TimeUnit.SECONDS);
        // END
        this.server = server;

        // README:tls-client
        StormClient client = StormClient.create(ClientConfig.builder()
                .endpoint("127.0.0.1", server.port())
                .codec(FrameCodecs.lines())
                .tls(TlsClientOptions.builder()
                        .trust(TrustMaterial.pem(certDir.resolve("ca.pem")))  // default: the JDK's CAs
                        .serverName("localhost")            // verified name; default: the endpoint's host
                        .build())
                .build());
        client.connect().get(5, TimeUnit.SECONDS);
        // END
        this.client = client;
        client.onDataReceived((session, data) -> replies.add(data.text()));
        client.send("over TLS");
        assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("over TLS");
    }

    @Test
    void developmentCertificates() throws Exception {
        // README:tls-dev
        SelfSignedCertificates dev = SelfSignedCertificates.create("localhost", "127.0.0.1");
        TlsServerOptions serverTls = TlsServerOptions.builder().keyMaterial(dev.keyMaterial()).build();
        TlsClientOptions clientTls = TlsClientOptions.builder().trust(dev.trustMaterial()).build();
        // END
        server = StormServer.create(ServerConfig.builder().endpoint(Endpoint.tcp("127.0.0.1", 0)).tls(serverTls).build());
        server.start().get(5, TimeUnit.SECONDS);
        client = lineClient(clientTls);
        Session session = client.connect().get(5, TimeUnit.SECONDS);
        assertThat(TlsSessions.isSecure(session)).isTrue();
    }

    @Test
    void mutualTls() throws Exception {
        // README:tls-mtls
        TlsServerOptions serverTls = TlsServerOptions.builder()
                .keyMaterial(KeyMaterial.pem(certDir.resolve("fullchain.pem"), certDir.resolve("privkey.pem")))
                .clientAuth(ClientAuth.REQUIRE)             // or REQUEST: optional, but checked if sent
                .trustedClientCertificates(TrustMaterial.pem(certDir.resolve("clients-ca.pem")))
                .build();
        StormServer server = StormServer.create(ServerConfig.builder()
                .endpoint(Endpoint.tcp("127.0.0.1", 0)).codec(FrameCodecs.lines()).tls(serverTls).build());
        server.onConnected(session -> {
            String user = TlsSessions.peerPrincipal(session).map(Principal::getName).orElseThrow();
            session.send("hello " + user);                  // "hello CN=alice"
        });
        server.start().get(5, TimeUnit.SECONDS);

        TlsClientOptions clientTls = TlsClientOptions.builder()
                .trust(TrustMaterial.pem(certDir.resolve("ca.pem")))
                .serverName("localhost")
                .keyMaterial(KeyMaterial.pkcs12(certDir.resolve("alice.p12"), "changeit".toCharArray()))
                .build();
        // END
        this.server = server;
        client = lineClient(clientTls);
        client.connect().get(5, TimeUnit.SECONDS);
        assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("hello CN=alice");
    }

    @Test
    void sniAndProvider() throws Exception {
        // README:tls-sni
        TlsServerOptions tls = TlsServerOptions.builder()
                .keyMaterial(KeyMaterial.pem(certDir.resolve("fullchain.pem"), certDir.resolve("privkey.pem")))
                .sniHost("api.example.com", KeyMaterial.pem(certDir.resolve("api.pem"), certDir.resolve("api.key")))
                .provider(TlsProvider.OPENSSL)              // AUTO (default), OPENSSL or JDK
                .build();
        // a client asking for api.example.com gets that certificate, any other the default;
        // TlsSessions.serverName(session) tells a handler which name the client asked for
        // END
        server = StormServer.create(ServerConfig.builder().endpoint(Endpoint.tcp("127.0.0.1", 0))
                .codec(FrameCodecs.lines()).tls(tls).build());
        server.onConnected(session -> session.send(TlsSessions.serverName(session).orElse("none")));
        server.start().get(5, TimeUnit.SECONDS);
        client = lineClient(TlsClientOptions.builder().trust(TrustMaterial.pem(certDir.resolve("ca.pem")))
                .serverName("api.example.com").build());
        Session session = client.connect().get(5, TimeUnit.SECONDS);
        assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("api.example.com");
        assertThat(TlsSessions.peerPrincipal(session).map(Principal::getName)).contains("CN=api.example.com");
    }

    @Test
    void reload() throws Exception {
        // README:tls-reload
        TlsServerOptions tls = TlsServerOptions.builder()
                .keyMaterial(KeyMaterial.pem(certDir.resolve("fullchain.pem"), certDir.resolve("privkey.pem")))
                .build();
        // ... after certbot or cert-manager renewed the files:
        tls.reload();          // new connections get the new certificate; open ones keep theirs
        // or let Storm poll the files' modification times and reload by itself:
        Subscription watch = tls.watchFiles(Duration.ofMinutes(1));
        // END
        watch.close();
        assertThat(tls.files()).hasSize(2);
    }

    @Test
    void startTls() throws Exception {
        SelfSignedCertificates dev = SelfSignedCertificates.create("localhost", "127.0.0.1");
        TlsServerOptions serverTls = TlsServerOptions.builder().keyMaterial(dev.keyMaterial()).build();
        TlsClientOptions clientTls = TlsClientOptions.builder().trust(dev.trustMaterial()).build();
        StormServer server = StormServer.create(ServerConfig.builder().endpoint(Endpoint.tcp("127.0.0.1", 0))
                .codec(FrameCodecs.lines()).build());
        this.server = server;
        // README:tls-starttls
        server.onDataReceived((session, data) -> {
            if (data.text().equals("STARTTLS")) {
                session.send("GO AHEAD");                   // the last plaintext frame
                session.startTls(serverTls);                // everything after it is encrypted
            } else {
                session.send(TlsSessions.isSecure(session) ? "secure: " + data.text() : "plain: " + data.text());
            }
        });
        // END
        server.start().get(5, TimeUnit.SECONDS);
        client = StormClient.create(ClientConfig.builder().endpoint("127.0.0.1", server.port())
                .codec(FrameCodecs.lines()).build());       // plaintext until STARTTLS
        client.onDataReceived((s, data) -> replies.add(data.text()));
        Session session = client.connect().get(5, TimeUnit.SECONDS);
        client.send("before");
        assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("plain: before");
        client.send("STARTTLS");
        assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("GO AHEAD");
        // README:tls-starttls-client
        // on the client, once "GO AHEAD" has arrived:
        session.startTls(clientTls).get(5, TimeUnit.SECONDS);
        client.send("now encrypted");
        // END
        assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("secure: now encrypted");
    }
}
