package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionKeyTest {

    @Test
    void exposesNameTypeAndANamespacedAttributeKey() {
        SessionKey<String> key = SessionKey.of("session-key-test.user", String.class);

        assertThat(key.name()).isEqualTo("session-key-test.user");
        assertThat(key.type()).isEqualTo(String.class);
        assertThat(key.attributeKey().name()).isEqualTo("storm.user.session-key-test.user");
        assertThat(key).hasToString("SessionKey[session-key-test.user: String]");
    }

    @Test
    void keysWithTheSameNameAddressTheSameSlot() {
        SessionKey<Integer> first = SessionKey.of("session-key-test.count", Integer.class);
        SessionKey<Integer> second = SessionKey.of("session-key-test.count", Integer.class);

        assertThat(second.attributeKey()).isSameAs(first.attributeKey());
    }

    @Test
    void rejectsNullNameOrType() {
        assertThatThrownBy(() -> SessionKey.of(null, String.class)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SessionKey.of("session-key-test.none", null)).isInstanceOf(NullPointerException.class);
    }
}
