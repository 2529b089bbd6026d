package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.Test;

/**
 * The build must test the OpenSSL provider for real: netty-tcnative-boringssl-static brings its
 * native library for this platform, so OpenSSL has to load. This fails (never skips) if it does not.
 */
class OpenSslAvailabilityTest {
    @Test
    void boringSslLoadsOnThisMachine() {
        assertThat(OpenSsl.isAvailable())
                .as("OpenSSL unavailable: %s", String.valueOf(OpenSsl.unavailabilityCause()))
                .isTrue();
        assertThat(OpenSsl.versionString()).containsIgnoringCase("BoringSSL");
    }

    @Test
    void autoPicksOpenSslWhenItIsAvailable() {
        TlsServerOptions options = TlsServerOptions.builder().keyMaterial(TestPki.key(TestPki.SERVER)).build();
        assertThat(options.provider()).isEqualTo(TlsProvider.AUTO);
        assertThat(options.activeProvider()).isEqualTo(TlsProvider.OPENSSL);
        assertThat(TlsClientOptions.builder().build().activeProvider()).isEqualTo(TlsProvider.OPENSSL);
    }
}
