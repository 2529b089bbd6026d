package io.stormsocket.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.stormsocket.websocket.internal.ExtensionOffer.Param;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExtensionHeadersTest {

    @Test
    void parsesABareExtension() {
        assertThat(ExtensionHeaders.parse(List.of("permessage-deflate")))
                .containsExactly(new ExtensionOffer("permessage-deflate", List.of()));
    }

    @Test
    void parsesParametersInOrderWithAndWithoutValues() {
        List<ExtensionOffer> offers = ExtensionHeaders.parse(List.of(
                "permessage-deflate; client_max_window_bits; server_max_window_bits=10; server_no_context_takeover"));
        assertThat(offers).containsExactly(new ExtensionOffer("permessage-deflate", List.of(
                new Param("client_max_window_bits", null),
                new Param("server_max_window_bits", "10"),
                new Param("server_no_context_takeover", null))));
        assertThat(offers.get(0).params().get(0).hasValue()).isFalse();
        assertThat(offers.get(0).params().get(1).hasValue()).isTrue();
    }

    @Test
    void unquotesQuotedValues() {
        assertThat(ExtensionHeaders.parse(List.of("permessage-deflate; server_max_window_bits=\"10\"")))
                .containsExactly(new ExtensionOffer("permessage-deflate",
                        List.of(new Param("server_max_window_bits", "10"))));
        assertThat(ExtensionHeaders.parse(List.of("x; a=\"b\\c\"")))
                .containsExactly(new ExtensionOffer("x", List.of(new Param("a", "bc"))));
    }

    @Test
    void toleratesWhitespaceAroundSeparators() {
        assertThat(ExtensionHeaders.parse(List.of(" \tpermessage-deflate ;\tserver_max_window_bits = 9 ;a , foo ")))
                .containsExactly(
                        new ExtensionOffer("permessage-deflate",
                                List.of(new Param("server_max_window_bits", "9"), new Param("a", null))),
                        new ExtensionOffer("foo", List.of()));
    }

    @Test
    void keepsOffersOfSeveralLinesAndCommasInOrder() {
        List<ExtensionOffer> offers = ExtensionHeaders.parse(List.of(
                "permessage-deflate; server_max_window_bits=8, permessage-deflate",
                "x-webkit-deflate-frame",
                ""));
        assertThat(offers).extracting(ExtensionOffer::name)
                .containsExactly("permessage-deflate", "permessage-deflate", "x-webkit-deflate-frame");
        assertThat(offers.get(0).params()).containsExactly(new Param("server_max_window_bits", "8"));
        assertThat(offers.get(1).params()).isEmpty();
    }

    @Test
    void skipsEmptyListElements() {
        assertThat(ExtensionHeaders.parse(List.of(", a ,, b,"))).extracting(ExtensionOffer::name)
                .containsExactly("a", "b");
        assertThat(ExtensionHeaders.parse(List.of("   "))).isEmpty();
        assertThat(ExtensionHeaders.parse(List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        ";a",                           // no extension name
        "a;",                           // parameter name missing
        "a; b=",                        // value missing
        "a; =1",                        // parameter name missing before '='
        "a b",                          // two tokens without separator
        "a; b=\"1",                     // unterminated quoted-string
        "a; b=\"1 0\"",                 // quoted value is not a token
        "a; b=\"\"",                    // empty quoted value
        "a; b=1 2",                     // garbage after a value
        "a; b=\"1\"x",                  // garbage after a quoted value
        "a/b",                          // '/' is a separator, not a token char
        "a; b=(1)",                     // '(' not allowed in a token
        "permessage-deflate; server_max_window_bits=\"10\\"})
    void rejectsMalformedValues(String header) {
        assertThatIllegalArgumentException().isThrownBy(() -> ExtensionHeaders.parse(List.of(header)))
                .withMessageContaining("Sec-WebSocket-Extensions");
    }
}
