package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.spi.TlsHandlerFactory;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.0 and 1.1 are refused by default. The JDK's own client cannot even offer them (JDK 17 lists
 * them in {@code jdk.tls.disabledAlgorithms}), so the old client here is BoringSSL through a raw
 * Netty context, which still speaks them.
 */
class LegacyProtocolTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    static Stream<Arguments> serverProvidersAndOldProtocols() {
        return Stream.of(TlsProvider.JDK, TlsProvider.OPENSSL)
                .flatMap(p -> Stream.of(Arguments.of(p, "TLSv1.1"), Arguments.of(p, "TLSv1")));
    }

    @ParameterizedTest
    @MethodSource("serverProvidersAndOldProtocols")
    void anOldProtocolClientIsRefused(TlsProvider serverProvider, String oldProtocol) throws Exception {
        StormServer server = Tls.echoServer(storm, Tls.serverOptions(serverProvider).build());
        EventRecorder serverEvents = EventRecorder.attach(server);

        SslContext old = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).protocols(oldProtocol)
                // CBC suites: the only ones TLS 1.0 and 1.1 have.
                .ciphers(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
                        IdentityCipherSuiteFilter.INSTANCE)
                .trustManager(TestPki.CA.toTrustManagerFactory())
                .build();
        // The old client really offers the old protocol, so the refusal below is the server's doing.
        SSLEngine probe = old.newEngine(ByteBufAllocator.DEFAULT);
        try {
            assertThat(probe.getEnabledProtocols()).contains(oldProtocol).doesNotContain("TLSv1.2", "TLSv1.3");
        } finally {
            ReferenceCountUtil.release(probe);
        }
        TlsHandlerFactory oldClient = (channel, peer) -> old.newHandler(channel.alloc(), "localhost", server.port());
        StormClient client = storm.client(ClientConfig.builder().tls(oldClient), server);
        EventRecorder events = EventRecorder.attach(client);

        Tls.assertClientFailed(client.connect(), events, true);
        Throwable refused = Tls.assertServerRefused(server, serverEvents);
        assertThat(Tls.causes(refused).toLowerCase(Locale.ROOT)).containsAnyOf("protocol", "version");
    }
}
