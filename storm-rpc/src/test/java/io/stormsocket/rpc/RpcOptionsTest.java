package io.stormsocket.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RpcOptionsTest {
    @Test
    void defaultsAreDocumented() {
        RpcOptions options = RpcOptions.defaults();
        assertThat(options.defaultTimeout()).isEqualTo(RpcOptions.DEFAULT_TIMEOUT);
        assertThat(options.maxInFlight()).isEqualTo(RpcOptions.DEFAULT_MAX_IN_FLIGHT);
        assertThat(options.heartbeatInterval()).isEqualTo(RpcOptions.DEFAULT_HEARTBEAT_INTERVAL);
        assertThat(options.receiveTimeout()).isEqualTo(RpcOptions.DEFAULT_RECEIVE_TIMEOUT);
        assertThat(options.maxEnvelopeBytes()).isEqualTo(RpcOptions.DEFAULT_MAX_ENVELOPE_BYTES);
        assertThat(options.serializer()).isSameAs(RpcSerializer.json());
        assertThat(options.sendStackTraces()).isFalse();
        assertThat(options.toString()).contains("defaultTimeout=PT30S").contains("serializer=RpcSerializer.json()");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        RpcOptions options = RpcOptions.builder().defaultTimeout(Duration.ofSeconds(1)).maxInFlight(5)
                .heartbeatInterval(Duration.ZERO).receiveTimeout(Duration.ofSeconds(2)).maxEnvelopeBytes(4096)
                .sendStackTraces(true).build();
        assertThat(options.toBuilder().build().toString()).isEqualTo(options.toString());
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> RpcOptions.builder().defaultTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpcOptions.builder().maxInFlight(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpcOptions.builder().heartbeatInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpcOptions.builder().maxEnvelopeBytes(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpcOptions.builder().serializer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RpcOptions.builder().heartbeatInterval(Duration.ofSeconds(10))
                .receiveTimeout(Duration.ofSeconds(5)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must exceed");
    }
}
