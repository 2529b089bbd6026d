package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.core.codec.RawCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigTest {
    private static final Executor DIRECT = Runnable::run;

    // ---- ServerConfig

    @Test
    void serverDefaultsAreTheDocumentedOnes() {
        ServerConfig config = ServerConfig.builder().build();

        assertThat(config.endpoint()).isEqualTo(Endpoint.tcp(5000));
        assertThat(config.endpoint().host()).isEmpty();
        assertThat(config.endpoint().port()).isEqualTo(ServerConfig.DEFAULT_PORT).isEqualTo(5000);
        assertThat(config.dualStack()).isTrue();
        assertThat(config.backlog()).isEqualTo(ServerConfig.DEFAULT_BACKLOG).isEqualTo(io.netty.util.NetUtil.SOMAXCONN);
        assertThat(config.socketOptions()).isSameAs(SocketOptions.defaults());
        assertThat(config.codec()).isSameAs(RawCodec.instance());
        assertThat(config.idleTimeouts()).isSameAs(IdleTimeouts.none());
        assertThat(config.transport()).isEqualTo(Transport.AUTO);
        assertThat(config.ioThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.resources()).isEmpty();
        assertThat(config.handlerExecutor()).isEmpty();
        assertThat(config.maxPendingReceiveBytes()).isEqualTo(1024 * 1024);
        assertThat(config.proxyProtocol()).isFalse();
    }

    @Test
    void serverToBuilderRoundTripsEveryOption() {
        ServerConfig config = ServerConfig.builder()
                .endpoint(Endpoint.tcp("127.0.0.1", 0))
                .dualStack(false)
                .backlog(7)
                .socketOptions(SocketOptions.builder().tcpNoDelay(false).receiveBufferSize(4096).build())
                .codec(FrameCodecs.lines())
                .idleTimeouts(IdleTimeouts.builder().reader(Duration.ofSeconds(3)).build())
                .transport(Transport.NIO)
                .ioThreads(3)
                .handlerExecutor(DIRECT)
                .maxPendingReceiveBytes(4096)
                .proxyProtocol(true)
                .build();

        ServerConfig copy = config.toBuilder().build();

        assertThat(copy).isNotSameAs(config);
        assertThat(copy.endpoint()).isEqualTo(Endpoint.tcp("127.0.0.1", 0));
        assertThat(copy.dualStack()).isFalse();
        assertThat(copy.backlog()).isEqualTo(7);
        assertThat(copy.socketOptions()).isSameAs(config.socketOptions());
        assertThat(copy.codec()).isSameAs(config.codec());
        assertThat(copy.idleTimeouts()).isSameAs(config.idleTimeouts());
        assertThat(copy.transport()).isEqualTo(Transport.NIO);
        assertThat(copy.ioThreads()).isEqualTo(3);
        assertThat(copy.handlerExecutor()).containsSame(DIRECT);
        assertThat(copy.maxPendingReceiveBytes()).isEqualTo(4096);
        assertThat(copy.proxyProtocol()).isTrue();
        assertThat(copy).hasToString(config.toString());
        assertThat(config.toBuilder().backlog(9).build().backlog()).as("builder independent of config").isEqualTo(9);
        assertThat(config.backlog()).isEqualTo(7);
    }

    @Test
    void serverPortShorthandListensOnEveryInterface() {
        assertThat(ServerConfig.builder().port(0).build().endpoint()).isEqualTo(Endpoint.tcp(0));
        assertThatThrownBy(() -> ServerConfig.builder().port(65536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverRejectsInvalidValues() {
        ServerConfig.Builder b = ServerConfig.builder();

        assertThatThrownBy(() -> b.backlog(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.ioThreads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxPendingReceiveBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.endpoint(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.codec(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.socketOptions(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.idleTimeouts(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.transport(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.resources(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.handlerExecutor(null)).isInstanceOf(NullPointerException.class);
        assertThat(b.build().backlog()).as("failed setters change nothing").isEqualTo(ServerConfig.DEFAULT_BACKLOG);
    }

    // ---- ClientConfig

    @Test
    void clientDefaultsAreTheDocumentedOnes() {
        ClientConfig config = ClientConfig.builder().build();

        assertThat(config.endpoint()).isEqualTo(Endpoint.tcp("localhost", 5000));
        assertThat(config.endpoint()).hasToString("localhost:5000");
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10)).isEqualTo(ClientConfig.DEFAULT_CONNECT_TIMEOUT);
        assertThat(config.socketOptions()).isSameAs(SocketOptions.defaults());
        assertThat(config.codec()).isSameAs(RawCodec.instance());
        assertThat(config.idleTimeouts()).isSameAs(IdleTimeouts.none());
        assertThat(config.transport()).isEqualTo(Transport.AUTO);
        assertThat(config.ioThreads()).isEqualTo(1);
        assertThat(config.resources()).isEmpty();
        assertThat(config.handlerExecutor()).isEmpty();
        assertThat(config.maxPendingReceiveBytes()).isEqualTo(1024 * 1024);
        assertThat(config.reconnect()).isSameAs(ReconnectPolicy.disabled());
        assertThat(config.reconnect().enabled()).isFalse();
        assertThat(config.offlineBuffer()).isSameAs(OfflineBuffer.disabled());
        assertThat(config.offlineBuffer().enabled()).isFalse();
    }

    @Test
    void clientToBuilderRoundTripsEveryOption() {
        ClientConfig config = ClientConfig.builder()
                .endpoint("::1", 6000)
                .connectTimeout(Duration.ofMillis(250))
                .socketOptions(SocketOptions.builder().keepAlive(false).sendBufferSize(8192).build())
                .codec(FrameCodecs.lengthPrefix())
                .idleTimeouts(IdleTimeouts.builder().writer(Duration.ofSeconds(1)).closeOnWriterIdle(true).build())
                .transport(Transport.EPOLL)
                .ioThreads(2)
                .handlerExecutor(DIRECT)
                .maxPendingReceiveBytes(512)
                .reconnect(ReconnectPolicy.builder().maxAttempts(3).build())
                .offlineBuffer(OfflineBuffer.builder().maxMessages(7).build())
                .build();

        ClientConfig copy = config.toBuilder().build();

        assertThat(copy.endpoint()).isEqualTo(Endpoint.tcp("::1", 6000));
        assertThat(copy.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(copy.socketOptions()).isSameAs(config.socketOptions());
        assertThat(copy.codec()).isSameAs(config.codec());
        assertThat(copy.idleTimeouts()).isSameAs(config.idleTimeouts());
        assertThat(copy.transport()).isEqualTo(Transport.EPOLL);
        assertThat(copy.ioThreads()).isEqualTo(2);
        assertThat(copy.handlerExecutor()).containsSame(DIRECT);
        assertThat(copy.maxPendingReceiveBytes()).isEqualTo(512);
        assertThat(copy.reconnect()).isSameAs(config.reconnect());
        assertThat(copy.offlineBuffer()).isSameAs(config.offlineBuffer());
        assertThat(copy).hasToString(config.toString());
        assertThat(copy.toString()).contains("maxAttempts=3", "maxMessages=7");
    }

    @Test
    void clientRejectsInvalidValues() {
        ClientConfig.Builder b = ClientConfig.builder();

        assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.connectTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.ioThreads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxPendingReceiveBytes(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.endpoint("", 80)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.endpoint("localhost", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.endpoint(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.codec(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.reconnect(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.offlineBuffer(null)).isInstanceOf(NullPointerException.class);
        assertThat(b.build().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    // ---- ReconnectPolicy

    @Test
    void reconnectPolicyDefaultsAreTheDocumentedOnes() {
        ReconnectPolicy policy = ReconnectPolicy.builder().build();

        assertThat(policy.enabled()).isTrue();
        assertThat(policy.initialDelay()).isEqualTo(Duration.ofMillis(100)).isEqualTo(ReconnectPolicy.DEFAULT_INITIAL_DELAY);
        assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(30)).isEqualTo(ReconnectPolicy.DEFAULT_MAX_DELAY);
        assertThat(policy.multiplier()).isEqualTo(2.0).isEqualTo(ReconnectPolicy.DEFAULT_MULTIPLIER);
        assertThat(policy.jitter()).isEqualTo(0.2).isEqualTo(ReconnectPolicy.DEFAULT_JITTER);
        assertThat(policy.maxAttempts()).isZero();
        assertThat(policy.retryInitialConnect()).isFalse();
        assertThat(policy).hasToString("ReconnectPolicy[initialDelay=PT0.1S, maxDelay=PT30S, multiplier=2.0, jitter=0.2,"
                + " maxAttempts=unlimited, retryInitialConnect=false]");
        assertThat(ReconnectPolicy.disabled()).hasToString("ReconnectPolicy[disabled]");
        assertThat(ReconnectPolicy.disabled().toBuilder().enabled(true).build().enabled()).isTrue();
    }

    @Test
    void reconnectPolicyBaseDelayGrowsByTheMultiplierUpToTheMaximum() {
        ReconnectPolicy policy = ReconnectPolicy.builder()
                .initialDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofSeconds(1))
                .multiplier(3)
                .build();

        assertThat(policy.baseDelay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.baseDelay(2)).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.baseDelay(3)).isEqualTo(Duration.ofMillis(900));
        assertThat(policy.baseDelay(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.baseDelay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> policy.baseDelay(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reconnectPolicyToBuilderRoundTripsEveryOption() {
        ReconnectPolicy policy = ReconnectPolicy.builder()
                .initialDelay(Duration.ofMillis(5))
                .maxDelay(Duration.ofMillis(50))
                .multiplier(1.5)
                .jitter(0)
                .maxAttempts(4)
                .retryInitialConnect(true)
                .build();

        ReconnectPolicy copy = policy.toBuilder().build();

        assertThat(copy.enabled()).isTrue();
        assertThat(copy.initialDelay()).isEqualTo(Duration.ofMillis(5));
        assertThat(copy.maxDelay()).isEqualTo(Duration.ofMillis(50));
        assertThat(copy.multiplier()).isEqualTo(1.5);
        assertThat(copy.jitter()).isZero();
        assertThat(copy.maxAttempts()).isEqualTo(4);
        assertThat(copy.retryInitialConnect()).isTrue();
        assertThat(copy).hasToString(policy.toString());
    }

    @Test
    void reconnectPolicyRejectsInvalidValues() {
        ReconnectPolicy.Builder b = ReconnectPolicy.builder();

        assertThatThrownBy(() -> b.initialDelay(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxDelay(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.initialDelay(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.multiplier(0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.multiplier(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.multiplier(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.jitter(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.jitter(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxAttempts(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(2)).maxDelay(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than initialDelay");
        assertThat(b.build().initialDelay()).as("failed setters change nothing").isEqualTo(Duration.ofMillis(100));
    }

    // ---- OfflineBuffer

    @Test
    void offlineBufferDefaultsAreTheDocumentedOnes() {
        OfflineBuffer buffer = OfflineBuffer.builder().build();

        assertThat(buffer.enabled()).isTrue();
        assertThat(buffer.maxMessages()).isEqualTo(1024).isEqualTo(OfflineBuffer.DEFAULT_MAX_MESSAGES);
        assertThat(buffer.maxBytes()).isEqualTo(1024 * 1024).isEqualTo(OfflineBuffer.DEFAULT_MAX_BYTES);
        assertThat(buffer).hasToString("OfflineBuffer[maxMessages=1024, maxBytes=1048576]");
        assertThat(OfflineBuffer.disabled()).hasToString("OfflineBuffer[disabled]");
        OfflineBuffer copy = buffer.toBuilder().maxMessages(3).maxBytes(10).build();
        assertThat(copy.maxMessages()).isEqualTo(3);
        assertThat(copy.maxBytes()).isEqualTo(10);
        assertThat(copy.toBuilder().build()).hasToString(copy.toString());
    }

    @Test
    void offlineBufferRejectsNonPositiveLimits() {
        OfflineBuffer.Builder b = OfflineBuffer.builder();

        assertThatThrownBy(() -> b.maxMessages(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxBytes(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.build().maxMessages()).isEqualTo(1024);
    }

    // ---- SocketOptions

    @Test
    void socketOptionDefaultsAreNoDelayKeepAliveAndOsBuffers() {
        SocketOptions options = SocketOptions.defaults();

        assertThat(options.tcpNoDelay()).isTrue();
        assertThat(options.keepAlive()).isTrue();
        assertThat(options.receiveBufferSize()).isEmpty();
        assertThat(options.sendBufferSize()).isEmpty();
        assertThat(options).hasToString(
                "SocketOptions[tcpNoDelay=true, keepAlive=true, receiveBufferSize=os, sendBufferSize=os]");
        assertThat(SocketOptions.builder().build()).hasToString(options.toString());
    }

    @Test
    void socketOptionsToBuilderRoundTripsAndRejectsNonPositiveSizes() {
        SocketOptions options = SocketOptions.builder()
                .tcpNoDelay(false).keepAlive(false).receiveBufferSize(1000).sendBufferSize(2000).build();

        SocketOptions copy = options.toBuilder().build();

        assertThat(copy.tcpNoDelay()).isFalse();
        assertThat(copy.keepAlive()).isFalse();
        assertThat(copy.receiveBufferSize()).hasValue(1000);
        assertThat(copy.sendBufferSize()).hasValue(2000);
        assertThat(copy).hasToString(options.toString());
        assertThatThrownBy(() -> SocketOptions.builder().receiveBufferSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketOptions.builder().sendBufferSize(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- IdleTimeouts

    @Test
    void idleTimeoutsAreOffByDefault() {
        IdleTimeouts none = IdleTimeouts.none();

        assertThat(none.reader()).isEmpty();
        assertThat(none.writer()).isEmpty();
        assertThat(none.all()).isEmpty();
        assertThat(none.closeOnWriterIdle()).isFalse();
        assertThat(none.enabled()).isFalse();
        assertThat(IdleTimeouts.builder().build().enabled()).isFalse();
    }

    @Test
    void idleTimeoutsKeepWhatWasSet() {
        IdleTimeouts timeouts = IdleTimeouts.builder()
                .reader(Duration.ofSeconds(60)).writer(Duration.ofSeconds(20)).all(Duration.ofMinutes(5))
                .closeOnWriterIdle(true).build();

        assertThat(timeouts.reader()).hasValue(Duration.ofSeconds(60));
        assertThat(timeouts.writer()).hasValue(Duration.ofSeconds(20));
        assertThat(timeouts.all()).hasValue(Duration.ofMinutes(5));
        assertThat(timeouts.closeOnWriterIdle()).isTrue();
        assertThat(timeouts.enabled()).isTrue();
        assertThat(IdleTimeouts.builder().all(Duration.ofMillis(1)).build().enabled()).isTrue();
    }

    @Test
    void idleTimeoutsRejectZeroAndNegativeDurations() {
        IdleTimeouts.Builder b = IdleTimeouts.builder();

        assertThatThrownBy(() -> b.reader(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reader");
        assertThatThrownBy(() -> b.writer(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("writer");
        assertThatThrownBy(() -> b.all(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all");
    }

    // ---- Endpoint

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {0, 1, 5000, 65535})
    void tcpEndpointAcceptsEveryPortInRange(int port) {
        assertThat(Endpoint.tcp(port).port()).isEqualTo(port);
        assertThat(Endpoint.tcp("localhost", port).port()).isEqualTo(port);
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {-1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void tcpEndpointRejectsPortsOutOfRange(int port) {
        assertThatThrownBy(() -> Endpoint.tcp(port)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(port));
        assertThatThrownBy(() -> Endpoint.tcp("localhost", port)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tcpEndpointRejectsEmptyOrNullHost() {
        assertThatThrownBy(() -> Endpoint.tcp("", 80)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.tcp(null, 80)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void endpointToStringNamesWildcardHostIpv6AndUnixForms() {
        assertThat(Endpoint.tcp(5000)).hasToString("*:5000");
        assertThat(Endpoint.tcp("example.org", 80)).hasToString("example.org:80");
        assertThat(Endpoint.tcp("127.0.0.1", 0)).hasToString("127.0.0.1:0");
        assertThat(Endpoint.tcp("::1", 8080)).hasToString("[::1]:8080");
        assertThat(Endpoint.unix(Path.of("/run/app.sock"))).hasToString("unix:/run/app.sock");
    }

    @Test
    void wildcardTcpEndpointResolvesToTheAnyLocalAddress() {
        Endpoint wildcard = Endpoint.tcp(7000);

        InetSocketAddress address = wildcard.toInetSocketAddress();

        assertThat(wildcard.isUnixDomain()).isFalse();
        assertThat(wildcard.path()).isEmpty();
        assertThat(address.getAddress().isAnyLocalAddress()).isTrue();
        assertThat(address.getPort()).isEqualTo(7000);
        assertThat(Endpoint.tcp("127.0.0.1", 7001).toInetSocketAddress())
                .isEqualTo(new InetSocketAddress("127.0.0.1", 7001));
    }

    @Test
    void endpointOfSocketAddressKeepsHostStringAndPort() throws UnknownHostException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 81);

        assertThat(Endpoint.of(loopback)).isEqualTo(Endpoint.tcp("127.0.0.1", 81));
        assertThat(Endpoint.of(InetSocketAddress.createUnresolved("example.org", 82)))
                .isEqualTo(Endpoint.tcp("example.org", 82));
    }

    @Test
    void unixEndpointHasAPathAndNoTcpAddress() {
        Path path = Path.of("/tmp/storm-test.sock");
        Endpoint unix = Endpoint.unix(path);

        assertThat(unix.isUnixDomain()).isTrue();
        assertThat(unix.path()).contains(path);
        assertThat(unix.host()).isEmpty();
        assertThat(unix.port()).isEqualTo(-1);
        assertThat(unix).isEqualTo(Endpoint.unix(Path.of("/tmp/storm-test.sock")))
                .hasSameHashCodeAs(Endpoint.unix(Path.of("/tmp/storm-test.sock")))
                .isNotEqualTo(Endpoint.unix(Path.of("/tmp/other.sock")));
        assertThatThrownBy(unix::toInetSocketAddress).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unix:/tmp/storm-test.sock");
        assertThatThrownBy(() -> Endpoint.unix(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void endpointsAreEqualByHostPortAndPath() {
        assertThat(Endpoint.tcp("localhost", 80)).isEqualTo(Endpoint.tcp("localhost", 80))
                .hasSameHashCodeAs(Endpoint.tcp("localhost", 80))
                .isNotEqualTo(Endpoint.tcp("localhost", 81))
                .isNotEqualTo(Endpoint.tcp(80));
    }
}
