package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.Sockets;
import io.stormsocket.testing.StormExtension;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProxyProtocolTest {
    /** The 12-byte signature that starts every PROXY v2 header (HAProxy PROXY protocol spec, 2.2). */
    private static final byte[] V2_SIGNATURE = {
        0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A
    };

    @RegisterExtension
    final StormExtension storm = new StormExtension();

    private StormServer proxiedEchoServer(EventRecorder[] events) {
        StormServer server = storm.server(ServerConfig.builder().proxyProtocol(true));
        server.onDataReceived((s, d) -> s.send(d));
        events[0] = EventRecorder.attach(server);
        return storm.start(server);
    }

    @Test
    void v1HeaderMakesTheRealClientTheRemoteAddress() throws Exception {
        EventRecorder[] events = new EventRecorder[1];
        StormServer server = proxiedEchoServer(events);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("PROXY TCP4 203.0.113.7 192.0.2.1 40001 443\r\nhello".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Session session = events[0].awaitConnected();
            assertThat(session.remoteAddress()).isEqualTo(new InetSocketAddress("203.0.113.7", 40001));
            assertThat(new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
        }
    }

    @Test
    void v2HeaderWithIpv6MakesTheRealClientTheRemoteAddress() throws Exception {
        EventRecorder[] events = new EventRecorder[1];
        StormServer server = proxiedEchoServer(events);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(v2Header(0x21, InetAddress.getByName("2001:db8::42"), InetAddress.getByName("2001:db8::1"), 5555, 443));
            out.write("v2".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Session session = events[0].awaitConnected();
            assertThat(session.remoteAddress()).isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::42"), 5555));
            assertThat(new String(socket.getInputStream().readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("v2");
        }
    }

    @Test
    void v2LocalCommandKeepsTheSocketAddress() throws Exception {
        EventRecorder[] events = new EventRecorder[1];
        StormServer server = proxiedEchoServer(events);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            header.write(V2_SIGNATURE);
            header.write(0x20); // version 2, LOCAL
            header.write(0x00); // UNSPEC
            header.write(new byte[] {0, 0});
            socket.getOutputStream().write(header.toByteArray());
            Session session = events[0].awaitConnected();
            assertThat(((InetSocketAddress) session.remoteAddress()).getPort()).isEqualTo(socket.getLocalPort());
        }
    }

    @Test
    void missingHeaderIsReportedAndClosedWithoutOpeningASession() throws Exception {
        EventRecorder[] events = new EventRecorder[1];
        StormServer server = proxiedEchoServer(events);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            EventRecorder.Error error = events[0].await(EventRecorder.Error.class);
            assertThat(error.error()).isInstanceOf(ProtocolException.class).hasMessageContaining("PROXY");
            Sockets.assertClosedByPeer(socket);
            Await.until("the handshake failure closed the session", () -> !error.session().isOpen());
        }
        // The session never opened: no connected or disconnected event, no registry entry.
        assertThat(server.sessionCount()).isZero();
        events[0].assertNoMoreEvents();
        // The server still serves well-behaved proxies.
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("PROXY TCP4 198.51.100.1 192.0.2.1 1000 443\r\nok".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("ok");
            assertThat(events[0].awaitConnected().remoteAddress()).isEqualTo(new InetSocketAddress("198.51.100.1", 1000));
        }
    }

    /** Builds a v2 PROXY header for TCP over IPv4 (family 0x11) or IPv6 (0x21). */
    private static byte[] v2Header(int family, InetAddress source, InetAddress destination, int sourcePort,
                                   int destinationPort) throws IOException {
        byte[] src = source.getAddress();
        byte[] dst = destination.getAddress();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(V2_SIGNATURE);
        out.write(0x21); // version 2, PROXY
        out.write(family);
        out.writeShort(src.length + dst.length + 4);
        out.write(src);
        out.write(dst);
        out.writeShort(sourcePort);
        out.writeShort(destinationPort);
        return bytes.toByteArray();
    }
}
