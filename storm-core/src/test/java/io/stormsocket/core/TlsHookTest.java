package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.core.internal.PipelineNames;
import io.stormsocket.core.spi.TlsHandlerFactory;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TLS hook in core, exercised with plain Netty SSL contexts (storm-ssl builds on it). */
class TlsHookTest {
    private static X509Bundle ca;
    private static X509Bundle serverCert;
    private static X509Bundle otherCa;

    @RegisterExtension
    final StormExtension storm = new StormExtension();

    @BeforeAll
    static void certificates() throws Exception {
        ca = new CertificateBuilder().subject("CN=Storm Test CA").setIsCertificateAuthority(true).buildSelfSigned();
        serverCert = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .addSanIpAddress("127.0.0.1").addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
        otherCa = new CertificateBuilder().subject("CN=Someone Else").setIsCertificateAuthority(true).buildSelfSigned();
    }

    private static TlsHandlerFactory serverTls() throws Exception {
        SslContext context = SslContextBuilder.forServer(serverCert.toKeyManagerFactory()).build();
        return (channel, peer) -> context.newHandler(channel.alloc());
    }

    private static TlsHandlerFactory clientTls(X509Bundle trusted) throws Exception {
        SslContext context = SslContextBuilder.forClient().trustManager(trusted.toTrustManagerFactory()).build();
        return (channel, peer) -> context.newHandler(channel.alloc(), "localhost", peer.orElseThrow().port());
    }

    @Test
    void sessionsOpenAfterTheHandshakeAndTrafficIsEncrypted() throws Exception {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()).tls(serverTls()));
        server.onDataReceived((s, d) -> s.send("secure " + d.text()));
        EventRecorder serverEvents = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()).tls(clientTls(ca)), server);
        EventRecorder events = EventRecorder.attach(client);
        Session session = Await.result(client.connect());
        assertThat(session.channel().pipeline().get(PipelineNames.TLS)).isNotNull();
        events.awaitConnected();
        serverEvents.awaitConnected();
        client.send("hello");
        assertThat(events.awaitData().text()).isEqualTo("secure hello");
        // Wire bytes include TLS records, so they exceed the six plaintext bytes.
        assertThat(session.metrics().bytesOut()).isGreaterThan(6);
    }

    @Test
    void handshakeFailureIsReportedWithATlsReasonAndNoSessionOpens() throws Exception {
        StormServer server = storm.server(ServerConfig.builder().tls(serverTls()));
        EventRecorder serverEvents = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().tls(clientTls(otherCa)), server);
        EventRecorder clientEvents = EventRecorder.attach(client);
        Throwable failure = Await.failure(client.connect());
        assertThat(failure).isInstanceOf(ConnectFailedException.class).hasCauseInstanceOf(SSLException.class);
        EventRecorder.Error clientError = clientEvents.await(EventRecorder.Error.class);
        assertThat(clientError.error()).isInstanceOf(SSLException.class);
        assertThat(Await.result(clientError.session().closeFuture())).isEqualTo(CloseReason.TLS_ERROR);
        EventRecorder.Error serverError = serverEvents.await(EventRecorder.Error.class);
        assertThat(serverError.error()).isInstanceOf(SSLException.class);
        Await.until("server side closed", () -> !serverError.session().isOpen());
        assertThat(server.sessionCount()).isZero();
    }

    @Test
    void startTlsUpgradesALivePlaintextSessionInOrder() throws Exception {
        TlsHandlerFactory serverTls = serverTls();
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()));
        server.onDataReceived((s, d) -> {
            String line = d.text();
            if (line.equals("STARTTLS")) {
                s.send("OK");
                s.startTls(serverTls);
            } else {
                s.send((s.channel().pipeline().get(PipelineNames.TLS) != null ? "tls:" : "plain:") + line);
            }
        });
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        EventRecorder events = EventRecorder.attach(client);
        Session session = Await.result(client.connect());
        events.awaitConnected();

        client.send("before");
        assertThat(events.awaitData().text()).isEqualTo("plain:before");
        client.send("STARTTLS");
        assertThat(events.awaitData().text()).isEqualTo("OK");
        Await.result(session.startTls(clientTls(ca)));
        for (int i = 0; i < 10; i++) {
            client.send("after " + i);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(events.awaitData().text()).isEqualTo("tls:after " + i);
        }
        assertThat(Await.failure(session.startTls(clientTls(ca)))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bytesThatFollowTheUpgradeFrameInOneReadGoToTls() throws Exception {
        TlsHandlerFactory serverTls = serverTls();
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()));
        server.onDataReceived((s, d) -> {
            if (d.text().equals("STARTTLS")) {
                s.startTls(serverTls);     // no plaintext reply: the client starts at once
            } else {
                s.send("got " + d.text());
            }
        });
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
        EventRecorder events = EventRecorder.attach(client);
        Session session = Await.result(client.connect());
        events.awaitConnected();
        // Queue the plaintext command unflushed: the handshake's first flush carries it and the
        // ClientHello in one segment, so the server reads both at once.
        session.queue("STARTTLS");
        Await.result(session.startTls(clientTls(ca)));
        client.send("secret");
        assertThat(events.awaitData().text()).isEqualTo("got secret");
    }
}
