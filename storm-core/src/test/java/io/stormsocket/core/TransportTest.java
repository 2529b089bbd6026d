package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoop;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.core.internal.Transports;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransportTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    @TempDir
    Path tempDir;

    /** NIO everywhere, plus each native transport this machine supports; on Linux epoll must be one. */
    static Stream<Transport> availableTransports() {
        List<Transport> transports = new ArrayList<>();
        for (Transport t : List.of(Transport.NIO, Transport.EPOLL, Transport.IO_URING, Transport.KQUEUE)) {
            if (Transports.isAvailable(t)) {
                transports.add(t);
            }
        }
        return transports.stream();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void linuxHasANativeTransportAndAutoPicksTheBestOne() {
        assertThat(Transports.isAvailable(Transport.EPOLL)).isTrue();
        Transport expected = Transports.isAvailable(Transport.IO_URING) ? Transport.IO_URING : Transport.EPOLL;
        assertThat(Transports.resolve(Transport.AUTO)).isEqualTo(expected);
        StormServer server = storm.server(ServerConfig.builder());
        assertThat(server.transport()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("availableTransports")
    void echoWorksOverEveryAvailableTransport(Transport transport) {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lengthPrefix())
                .transport(transport).ioThreads(1));
        server.onDataReceived((s, d) -> s.send(d));
        storm.start(server);
        assertThat(server.transport()).isEqualTo(transport);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lengthPrefix())
                .transport(transport), server);
        EventRecorder events = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();
        byte[] big = new byte[200_000];
        java.util.Arrays.fill(big, (byte) 7);
        client.send("small");
        client.send(big);
        assertThat(events.awaitData().text()).isEqualTo("small");
        assertThat(events.awaitData().bytes()).isEqualTo(big);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("availableTransports")
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void unixDomainSocketsWorkForServerAndClient(Transport transport) {
        Path socketFile = tempDir.resolve("storm-" + transport.name().toLowerCase() + ".sock");
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines())
                .endpoint(Endpoint.unix(socketFile)).transport(transport).ioThreads(1));
        server.onDataReceived((s, d) -> s.send("unix: " + d.text()));
        EventRecorder serverEvents = EventRecorder.attach(server);
        storm.start(server);
        assertThat(Files.exists(socketFile)).isTrue();

        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines())
                .endpoint(Endpoint.unix(socketFile)).transport(transport));
        EventRecorder events = EventRecorder.attach(client);
        Await.result(client.connect());
        events.awaitConnected();
        serverEvents.awaitConnected();
        client.send("hello");
        assertThat(events.awaitData().text()).isEqualTo("unix: hello");
        Await.result(client.disconnect());
        serverEvents.awaitData();
        serverEvents.awaitDisconnected(CloseReason.REMOTE_CLOSE);
    }

    @Test
    void wildcardEndpointAcceptsIpv4AndIpv6Clients() throws Exception {
        assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback");
        StormServer server = storm.server(ServerConfig.builder().endpoint(Endpoint.tcp(0)));
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        try (Socket v4 = new Socket("127.0.0.1", server.port());
                Socket v6 = new Socket(InetAddress.getByName("::1"), server.port())) {
            assertThat(v4.isConnected()).isTrue();
            assertThat(v6.isConnected()).isTrue();
            List<InetAddress> remotes = List.of(
                    ((InetSocketAddress) events.awaitConnected().remoteAddress()).getAddress(),
                    ((InetSocketAddress) events.awaitConnected().remoteAddress()).getAddress());
            assertThat(remotes).anyMatch(a -> a instanceof Inet6Address && a.isLoopbackAddress());
        }
    }

    private static boolean hasIpv6Loopback() {
        try {
            NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getByName("::1"));
            return lo != null;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void manyClientsShareOneSetOfEventLoops() {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()));
        server.onDataReceived((s, d) -> s.send(d));
        storm.start(server);
        StormResources shared = storm.closeAfter(StormResources.create(2));
        int clients = 200;
        CountDownLatch replies = new CountDownLatch(clients);
        List<StormClient> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines())
                    .endpoint("127.0.0.1", server.port()).resources(shared));
            client.onDataReceived((s, d) -> replies.countDown());
            all.add(client);
        }
        all.forEach(c -> Await.result(c.connect()));
        all.forEach(c -> c.send("ping"));
        Await.until("every client got its echo", () -> replies.getCount() == 0);
        assertThat(server.sessionCount()).isEqualTo(clients);
        assertThat(shared.eventLoopGroup().isShuttingDown()).isFalse();
        // The clients' connections are spread over both loops, not piled onto one.
        Map<EventLoop, Long> perLoop = all.stream().collect(Collectors.groupingBy(
                client -> client.session().orElseThrow().channel().eventLoop(), Collectors.counting()));
        assertThat(perLoop).hasSize(2);
        assertThat(perLoop.values()).containsOnly((long) clients / 2);
    }
}
