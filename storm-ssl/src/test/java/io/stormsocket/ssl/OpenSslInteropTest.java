package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Storm against the {@code openssl} command-line tool, an independent TLS implementation:
 * {@code s_client} talking to a Storm server, and a Storm client talking to {@code s_server}.
 * openssl must be installed (CI: {@code apt-get install openssl}); these tests fail without it.
 */
class OpenSslInteropTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    @TempDir
    Path dir;

    private Path writeCa() throws IOException {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, TestPki.CA.getCertificatePEM());
        return ca;
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void opensslClientTalksToAStormServer(TlsProvider provider) throws Exception {
        StormServer server = Tls.echoServer(storm, Tls.serverOptions(provider).build());
        EventRecorder serverEvents = EventRecorder.attach(server);
        Path ca = writeCa();
        OpenSslProcess client = storm.closeAfter(OpenSslProcess.start(dir, "s_client",
                "-connect", "127.0.0.1:" + server.port(), "-servername", "localhost",
                "-CAfile", ca.toString(), "-verify_return_error", "-verify_hostname", "localhost", "-quiet"));
        Session session = serverEvents.awaitConnected();
        client.writeLine("hello from openssl");
        client.awaitLine("the echo", "hello from openssl"::equals);
        assertThat(TlsSessions.serverName(session)).contains("localhost");
        assertThat(TlsSessions.protocol(session)).contains("TLSv1.3");
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void opensslClientCertificateAndEncryptedKeyInterop(TlsProvider provider) throws Exception {
        Path ca = writeCa();
        TestPki.PemFiles server = TestPki.write(dir, "server", TestPki.SERVER);
        TestPki.PemFiles client = TestPki.write(dir, "client", TestPki.CLIENT);
        // openssl encrypts the server key (PBES2, AES-256-CBC); Storm must read it.
        Path encrypted = dir.resolve("server-encrypted.key");
        try (OpenSslProcess pkcs8 = OpenSslProcess.start(dir, "pkcs8", "-topk8", "-v2", "aes-256-cbc",
                "-in", server.key().toString(), "-out", encrypted.toString(), "-passout", "pass:open sesame")) {
            Await.until("openssl pkcs8 finished", pkcs8::exited);
        }
        assertThat(Files.readString(encrypted)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        StormServer storm = Tls.echoServer(this.storm, TlsServerOptions.builder()
                .keyMaterial(KeyMaterial.pem(server.chain(), encrypted, "open sesame".toCharArray()))
                .clientAuth(io.stormsocket.ssl.ClientAuth.REQUIRE).trustedClientCertificates(TrustMaterial.pem(ca))
                .provider(provider).build());
        EventRecorder serverEvents = EventRecorder.attach(storm);
        OpenSslProcess process = this.storm.closeAfter(OpenSslProcess.start(dir, "s_client",
                "-connect", "127.0.0.1:" + storm.port(), "-servername", "localhost", "-CAfile", ca.toString(),
                "-verify_return_error", "-cert", client.chain().toString(), "-key", client.key().toString(), "-quiet"));
        Session session = serverEvents.awaitConnected();
        assertThat(TlsSessions.peerPrincipal(session)).map(Principal::getName).contains("CN=client-1,O=Storm Tests");
        process.writeLine("mutual");
        process.awaitLine("the echo", "mutual"::equals);
    }

    @ParameterizedTest
    @EnumSource(names = {"JDK", "OPENSSL"})
    void stormClientTalksToAnOpensslServer(TlsProvider provider) throws Exception {
        Path ca = writeCa();
        TestPki.PemFiles server = TestPki.write(dir, "server", TestPki.SERVER);
        TestPki.PemFiles client = TestPki.write(dir, "client", TestPki.CLIENT);
        int port = freePort();
        // -rev: a line server that answers each line reversed; -Verify 1: a client certificate is required.
        OpenSslProcess sServer = storm.closeAfter(OpenSslProcess.start(dir, "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", server.chain().toString(), "-key", server.key().toString(),
                "-Verify", "1", "-CAfile", ca.toString(), "-verify_return_error", "-rev"));
        sServer.awaitLine("ACCEPT", "ACCEPT"::equals);

        StormClient stormClient = storm.client(ClientConfig.builder().endpoint("127.0.0.1", port).codec(FrameCodecs.lines())
                .tls(TlsClientOptions.builder().trust(TrustMaterial.pem(ca)).serverName("localhost")
                        .keyMaterial(KeyMaterial.pem(client.chain(), client.key())).provider(provider).build()));
        EventRecorder events = EventRecorder.attach(stormClient);
        Session session = Await.result(stormClient.connect());
        events.awaitConnected();
        assertThat(TlsSessions.peerPrincipal(session)).map(Principal::getName).contains("CN=localhost");
        stormClient.send("hello openssl");
        assertThat(events.awaitData().text()).isEqualTo("lssnepo olleh");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
