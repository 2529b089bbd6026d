package io.stormsocket.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DeflateOptionsTest {

    @Test
    void defaultsAreDocumented() {
        DeflateOptions d = DeflateOptions.defaults();
        assertThat(d.enabled()).isTrue();
        assertThat(d.compressionLevel()).isEqualTo(6);
        assertThat(d.serverMaxWindowBits()).isEqualTo(15);
        assertThat(d.clientMaxWindowBits()).isEqualTo(15);
        assertThat(d.serverNoContextTakeover()).isFalse();
        assertThat(d.clientNoContextTakeover()).isFalse();
        assertThat(d.minimumSize()).isEqualTo(64);
        assertThat(DeflateOptions.builder().build()).isEqualTo(d).hasSameHashCodeAs(d);
    }

    @Test
    void disabledTurnsTheExtensionOff() {
        assertThat(DeflateOptions.disabled().enabled()).isFalse();
        assertThat(DeflateOptions.disabled()).isNotEqualTo(DeflateOptions.defaults());
        assertThat(DeflateOptions.disabled().toString()).contains("disabled");
    }

    @Test
    void builderSetsEveryFieldAndToBuilderCopiesThem() {
        DeflateOptions o = DeflateOptions.builder()
                .compressionLevel(9)
                .serverMaxWindowBits(8)
                .clientMaxWindowBits(10)
                .serverNoContextTakeover(true)
                .clientNoContextTakeover(true)
                .minimumSize(0)
                .build();
        assertThat(o.compressionLevel()).isEqualTo(9);
        assertThat(o.serverMaxWindowBits()).isEqualTo(8);
        assertThat(o.clientMaxWindowBits()).isEqualTo(10);
        assertThat(o.serverNoContextTakeover()).isTrue();
        assertThat(o.clientNoContextTakeover()).isTrue();
        assertThat(o.minimumSize()).isZero();
        assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(o.toBuilder().minimumSize(1).build()).isNotEqualTo(o);
        assertThat(o.toString()).contains("serverMaxWindowBits=8", "clientMaxWindowBits=10",
                "compressionLevel=9", "minimumSize=0");
    }

    @Test
    void invalidValuesAreRejectedWithTheirName() {
        DeflateOptions.Builder b = DeflateOptions.builder();
        assertThatIllegalArgumentException().isThrownBy(() -> b.serverMaxWindowBits(7))
                .withMessageContaining("serverMaxWindowBits").withMessageContaining("7");
        assertThatIllegalArgumentException().isThrownBy(() -> b.serverMaxWindowBits(16))
                .withMessageContaining("between 8 and 15");
        assertThatIllegalArgumentException().isThrownBy(() -> b.clientMaxWindowBits(0))
                .withMessageContaining("clientMaxWindowBits");
        assertThatIllegalArgumentException().isThrownBy(() -> b.compressionLevel(0))
                .withMessageContaining("compressionLevel");
        assertThatIllegalArgumentException().isThrownBy(() -> b.compressionLevel(10))
                .withMessageContaining("compressionLevel");
        assertThatIllegalArgumentException().isThrownBy(() -> b.minimumSize(-1))
                .withMessageContaining("minimumSize");
    }
}
