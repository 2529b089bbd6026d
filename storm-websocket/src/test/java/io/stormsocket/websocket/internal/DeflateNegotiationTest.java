package io.stormsocket.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.stormsocket.websocket.DeflateOptions;
import io.stormsocket.websocket.internal.DeflateNegotiation.Agreement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeflateNegotiationTest {
    private static final DeflateOptions DEFAULTS = DeflateOptions.defaults();

    private static Optional<Agreement> serverAccepts(String header, DeflateOptions options) {
        return DeflateNegotiation.server(ExtensionHeaders.parse(List.of(header)), options);
    }

    private static Agreement agreed(String header, DeflateOptions options) {
        return serverAccepts(header, options).orElseThrow(() -> new AssertionError("declined: " + header));
    }

    private static Optional<DeflateParameters> clientSees(String response, DeflateOptions offered) {
        return DeflateNegotiation.client(ExtensionHeaders.parse(List.of(response)), offered);
    }

    // ---- server side

    @Test
    void serverAcceptsABareOfferWithDefaults() {
        Agreement a = agreed("permessage-deflate", DEFAULTS);
        assertThat(a.responseHeader()).isEqualTo("permessage-deflate");
        assertThat(a.parameters()).isEqualTo(new DeflateParameters(false, false, 15, 15));
    }

    @Test
    void serverDeclinesWhenDisabledOrNothingIsOffered() {
        assertThat(serverAccepts("permessage-deflate", DeflateOptions.disabled())).isEmpty();
        assertThat(DeflateNegotiation.server(List.of(), DEFAULTS)).isEmpty();
        assertThat(serverAccepts("x-webkit-deflate-frame, foo; a=1", DEFAULTS)).isEmpty();
    }

    @Test
    void serverIgnoresOtherExtensions() {
        assertThat(agreed("foo; bar, permessage-deflate", DEFAULTS).responseHeader()).isEqualTo("permessage-deflate");
    }

    @Test
    void serverHonoursTheClientsServerNoContextTakeover() {
        Agreement a = agreed("permessage-deflate; server_no_context_takeover", DEFAULTS);
        assertThat(a.responseHeader()).isEqualTo("permessage-deflate; server_no_context_takeover");
        assertThat(a.parameters().serverNoContextTakeover()).isTrue();
    }

    @Test
    void serverAddsNoContextTakeoverFlagsWhenConfigured() {
        DeflateOptions options = DEFAULTS.toBuilder().serverNoContextTakeover(true).clientNoContextTakeover(true).build();
        Agreement a = agreed("permessage-deflate", options);
        assertThat(a.responseHeader())
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertThat(a.parameters()).isEqualTo(new DeflateParameters(true, true, 15, 15));
    }

    @Test
    void serverEchoesTheClientsOwnNoContextTakeoverHint() {
        Agreement a = agreed("permessage-deflate; client_no_context_takeover", DEFAULTS);
        assertThat(a.responseHeader()).isEqualTo("permessage-deflate; client_no_context_takeover");
        assertThat(a.parameters().clientNoContextTakeover()).isTrue();
    }

    @Test
    void serverUsesTheSmallerOfOfferedAndConfiguredServerWindow() {
        assertThat(agreed("permessage-deflate; server_max_window_bits=10", DEFAULTS).responseHeader())
                .isEqualTo("permessage-deflate; server_max_window_bits=10");
        DeflateOptions small = DEFAULTS.toBuilder().serverMaxWindowBits(9).build();
        Agreement a = agreed("permessage-deflate; server_max_window_bits=12", small);
        assertThat(a.responseHeader()).isEqualTo("permessage-deflate; server_max_window_bits=9");
        assertThat(a.parameters().serverMaxWindowBits()).isEqualTo(9);
        // Not offered by the client, but the server limits itself and says so.
        assertThat(agreed("permessage-deflate", small).responseHeader())
                .isEqualTo("permessage-deflate; server_max_window_bits=9");
        // Offered as 15: stated in the response although not a limit.
        assertThat(agreed("permessage-deflate; server_max_window_bits=15", DEFAULTS).responseHeader())
                .isEqualTo("permessage-deflate; server_max_window_bits=15");
    }

    @Test
    void serverLimitsTheClientWindowOnlyWhenTheClientOfferedTheParameter() {
        DeflateOptions limit10 = DEFAULTS.toBuilder().clientMaxWindowBits(10).build();
        Agreement a = agreed("permessage-deflate; client_max_window_bits", limit10);
        assertThat(a.responseHeader()).isEqualTo("permessage-deflate; client_max_window_bits=10");
        assertThat(a.parameters().clientMaxWindowBits()).isEqualTo(10);

        Agreement notOffered = agreed("permessage-deflate", limit10);
        assertThat(notOffered.responseHeader()).isEqualTo("permessage-deflate");
        assertThat(notOffered.parameters().clientMaxWindowBits()).isEqualTo(15);

        Agreement bare = agreed("permessage-deflate; client_max_window_bits", DEFAULTS);
        assertThat(bare.responseHeader()).isEqualTo("permessage-deflate");
        assertThat(bare.parameters().clientMaxWindowBits()).isEqualTo(15);

        Agreement smallerOffer = agreed("permessage-deflate; client_max_window_bits=9", limit10);
        assertThat(smallerOffer.responseHeader()).isEqualTo("permessage-deflate; client_max_window_bits=9");
        assertThat(smallerOffer.parameters().clientMaxWindowBits()).isEqualTo(9);

        Agreement offered15 = agreed("permessage-deflate; client_max_window_bits=15", DEFAULTS);
        assertThat(offered15.responseHeader()).isEqualTo("permessage-deflate; client_max_window_bits=15");
    }

    @Test
    void serverAcceptsWindowsOfEightBitsForBothDirections() {
        Agreement a = agreed("permessage-deflate; server_max_window_bits=8; client_max_window_bits=8", DEFAULTS);
        assertThat(a.parameters()).isEqualTo(new DeflateParameters(false, false, 8, 8));
        assertThat(a.responseHeader())
                .isEqualTo("permessage-deflate; server_max_window_bits=8; client_max_window_bits=8");
    }

    @Test
    void serverWritesEveryParameterInAFixedOrder() {
        DeflateOptions options = DEFAULTS.toBuilder().clientNoContextTakeover(true).clientMaxWindowBits(11).build();
        Agreement a = agreed("permessage-deflate; client_max_window_bits; server_max_window_bits=12;"
                + " server_no_context_takeover", options);
        assertThat(a.responseHeader()).isEqualTo("permessage-deflate; server_no_context_takeover;"
                + " client_no_context_takeover; server_max_window_bits=12; client_max_window_bits=11");
        assertThat(a.parameters()).isEqualTo(new DeflateParameters(true, true, 12, 11));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; foo",                                   // unknown parameter
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; client_max_window_bits; client_max_window_bits=10",
        "permessage-deflate; server_max_window_bits",                // needs a value
        "permessage-deflate; server_max_window_bits=7",
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_max_window_bits=010",            // leading zero
        "permessage-deflate; server_max_window_bits=abc",
        "permessage-deflate; client_max_window_bits=7",
        "permessage-deflate; client_max_window_bits=16",
        "permessage-deflate; client_max_window_bits=\"1a\"",
        "permessage-deflate; server_no_context_takeover=1",          // flag with a value
        "permessage-deflate; client_no_context_takeover=true"})
    void serverDeclinesAnInvalidOffer(String header) {
        assertThat(serverAccepts(header, DEFAULTS)).isEmpty();
    }

    @Test
    void serverFallsBackToTheNextOfferWhenOneIsInvalid() {
        Agreement a = agreed("permessage-deflate; server_max_window_bits=7; client_max_window_bits,"
                + " permessage-deflate; client_max_window_bits", DEFAULTS.toBuilder().clientMaxWindowBits(12).build());
        assertThat(a.responseHeader()).isEqualTo("permessage-deflate; client_max_window_bits=12");

        List<ExtensionOffer> twoLines = ExtensionHeaders.parse(List.of(
                "permessage-deflate; mystery", "permessage-deflate; server_max_window_bits=\"11\""));
        assertThat(DeflateNegotiation.server(twoLines, DEFAULTS).map(Agreement::responseHeader))
                .contains("permessage-deflate; server_max_window_bits=11");
    }

    @Test
    void serverAcceptsQuotedNumbers() {
        assertThat(agreed("permessage-deflate; client_max_window_bits=\"10\"", DEFAULTS).parameters()
                .clientMaxWindowBits()).isEqualTo(10);
    }

    // ---- client offer

    @Test
    void clientOfferAlwaysLetsTheServerLimitOurWindow() {
        assertThat(DeflateNegotiation.clientOffer(DEFAULTS)).isEqualTo("permessage-deflate; client_max_window_bits");
    }

    @Test
    void clientOfferCarriesEverySetting() {
        DeflateOptions options = DEFAULTS.toBuilder()
                .serverMaxWindowBits(10).clientMaxWindowBits(9)
                .serverNoContextTakeover(true).clientNoContextTakeover(true).build();
        assertThat(DeflateNegotiation.clientOffer(options)).isEqualTo("permessage-deflate;"
                + " server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10;"
                + " client_max_window_bits=9");
    }

    @Test
    void clientOfferIsRefusedWhenDisabled() {
        assertThatIllegalArgumentException().isThrownBy(() -> DeflateNegotiation.clientOffer(DeflateOptions.disabled()));
    }

    @Test
    void everyClientOfferIsAcceptedByOurServerWithMatchingParameters() {
        for (int serverBits = 8; serverBits <= 15; serverBits++) {
            for (int clientBits = 8; clientBits <= 15; clientBits++) {
                for (int flags = 0; flags < 4; flags++) {
                    DeflateOptions client = DEFAULTS.toBuilder()
                            .serverMaxWindowBits(serverBits).clientMaxWindowBits(clientBits)
                            .serverNoContextTakeover((flags & 1) != 0).clientNoContextTakeover((flags & 2) != 0)
                            .build();
                    Agreement a = agreed(DeflateNegotiation.clientOffer(client), DEFAULTS);
                    DeflateParameters seen = clientSees(a.responseHeader(), client).orElseThrow();
                    assertThat(seen).as(DeflateNegotiation.clientOffer(client)).isEqualTo(a.parameters());
                }
            }
        }
    }

    // ---- client checks the response

    @Test
    void clientTreatsAnEmptyResponseAsNoCompression() {
        assertThat(DeflateNegotiation.client(List.of(), DEFAULTS)).isEmpty();
    }

    @Test
    void clientAcceptsAPlainResponse() {
        assertThat(clientSees("permessage-deflate", DEFAULTS))
                .contains(new DeflateParameters(false, false, 15, 15));
    }

    @Test
    void clientAcceptsLimitsAndFlagsFromTheServer() {
        assertThat(clientSees("permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
                + " server_max_window_bits=8; client_max_window_bits=8", DEFAULTS))
                .contains(new DeflateParameters(true, true, 8, 8));
    }

    @Test
    void clientKeepsItsOwnNoContextTakeoverAndWindowLimit() {
        DeflateOptions offered = DEFAULTS.toBuilder().clientNoContextTakeover(true).clientMaxWindowBits(11).build();
        assertThat(clientSees("permessage-deflate", offered)).contains(new DeflateParameters(false, true, 15, 11));
        assertThat(clientSees("permessage-deflate; client_max_window_bits=10", offered))
                .contains(new DeflateParameters(false, true, 15, 10));
    }

    @Test
    void clientToleratesAServerIgnoringItsServerSideRequests() {
        DeflateOptions offered = DEFAULTS.toBuilder().serverNoContextTakeover(true).serverMaxWindowBits(10).build();
        assertThat(clientSees("permessage-deflate", offered)).contains(new DeflateParameters(false, false, 15, 15));
        assertThat(clientSees("permessage-deflate; server_max_window_bits=9", offered))
                .contains(new DeflateParameters(false, false, 9, 15));
    }

    @Test
    void clientRejectsAServerWindowAboveTheOffer() {
        DeflateOptions offered = DEFAULTS.toBuilder().serverMaxWindowBits(10).build();
        assertThatIllegalArgumentException().isThrownBy(() -> clientSees("permessage-deflate; server_max_window_bits=11", offered))
                .withMessageContaining("server_max_window_bits");
    }

    @Test
    void clientRejectsAClientWindowAboveItsOwnLimit() {
        DeflateOptions offered = DEFAULTS.toBuilder().clientMaxWindowBits(10).build();
        assertThatIllegalArgumentException().isThrownBy(() -> clientSees("permessage-deflate; client_max_window_bits=12", offered))
                .withMessageContaining("client_max_window_bits");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; foo",
        "permessage-deflate; client_max_window_bits",                 // needs a value in a response
        "permessage-deflate; client_max_window_bits=7",
        "permessage-deflate; server_max_window_bits",
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_no_context_takeover=x",
        "permessage-deflate; client_no_context_takeover; client_no_context_takeover"})
    void clientRejectsBadParametersNamingThem(String response) {
        String param = response.substring(response.lastIndexOf("; ") + 2).split("=")[0];
        assertThatIllegalArgumentException().isThrownBy(() -> clientSees(response, DEFAULTS))
                .withMessageContaining(param);
    }

    @Test
    void clientRejectsOtherOrRepeatedExtensions() {
        assertThatIllegalArgumentException().isThrownBy(() -> clientSees("x-webkit-deflate-frame", DEFAULTS))
                .withMessageContaining("x-webkit-deflate-frame");
        assertThatIllegalArgumentException().isThrownBy(() -> clientSees("permessage-deflate, foo", DEFAULTS))
                .withMessageContaining("foo");
        assertThatIllegalArgumentException().isThrownBy(() -> clientSees("permessage-deflate, permessage-deflate", DEFAULTS))
                .withMessageContaining("permessage-deflate");
    }
}
