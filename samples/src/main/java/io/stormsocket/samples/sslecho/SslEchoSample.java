package io.stormsocket.samples.sslecho;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormServer;
import io.stormsocket.ssl.SelfSignedCertificates;
import io.stormsocket.ssl.TlsServerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A TLS echo server on a self-signed certificate created at start; it prints an
 * {@code openssl s_client} command line that trusts exactly that certificate.
 */
public final class SslEchoSample {
    private SslEchoSample() {
    }

    /**
     * Creates and starts the TLS echo server.
     *
     * @param port the port, 0 for any free one
     * @param certificate the development certificate it serves
     * @return the running server
     */
    public static StormServer start(int port, SelfSignedCertificates certificate) {
        StormServer server = StormServer.create(ServerConfig.builder()
                .port(port)
                .tls(TlsServerOptions.builder().keyMaterial(certificate.keyMaterial()).build())
                .build());
        server.onConnected(session -> System.out.println("TLS session from " + session.remoteAddress()));
        server.onDataReceived((session, data) -> session.send(data));
        server.onError((session, error) -> System.out.println("refused " + session.remoteAddress() + ": " + error));
        server.start().join();
        return server;
    }

    /**
     * Runs the sample until the process is stopped.
     *
     * @param port the port
     * @throws IOException if the CA file cannot be written
     * @throws InterruptedException when interrupted
     */
    public static void runUntilStopped(int port) throws IOException, InterruptedException {
        SelfSignedCertificates certificate = SelfSignedCertificates.create("localhost", "127.0.0.1");
        Path caFile = Files.createTempFile("storm-ssl-echo-", ".pem");
        Files.writeString(caFile, certificate.certificatePem(), StandardCharsets.US_ASCII);
        caFile.toFile().deleteOnExit();
        StormServer server = start(port, certificate);
        System.out.println("TLS echo listening on port " + server.port() + "; try it with:");
        System.out.println("  openssl s_client -connect localhost:" + server.port() + " -CAfile " + caFile
                + " -verify_return_error -quiet");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }
}
