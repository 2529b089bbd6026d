package io.stormsocket.websocket.internal;

import io.stormsocket.websocket.DeflateOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Negotiation of permessage-deflate (<a href="https://www.rfc-editor.org/rfc/rfc7692#section-5">RFC
 * 7692 §5</a> and <a href="https://www.rfc-editor.org/rfc/rfc7692#section-7.1">§7.1</a>) for both
 * sides of the handshake: the server picks an offer and writes its response, the client writes its
 * offer and checks the response. Stateless.
 *
 * <p>Our inflater always decodes with a 32 KiB window and keeps it across messages, so whatever the
 * peer does with its own compressor (a smaller window, resetting its context) never needs checking
 * beyond what the RFC makes a handshake failure.
 */
final class DeflateNegotiation {
    /** The extension name of RFC 7692 §7. */
    static final String EXTENSION_NAME = "permessage-deflate";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    private static final int UNLIMITED = DeflateOptions.MAX_WINDOW_BITS;

    private DeflateNegotiation() {
    }

    /**
     * What the server accepted: the parameters it uses and the header value announcing them.
     *
     * @param parameters the agreed configuration
     * @param responseHeader the {@code Sec-WebSocket-Extensions} value for the handshake response
     */
    record Agreement(DeflateParameters parameters, String responseHeader) {
    }

    /**
     * Server side: accepts the first acceptable permessage-deflate offer (RFC 7692 §5.1). Offers with
     * an unknown or repeated parameter, or an invalid value, are declined and the next one is tried.
     * Other extensions are ignored.
     *
     * @param offers the client's extensions, in header order
     * @param options the server's settings
     * @return the agreement, or empty when compression is disabled or no offer is acceptable
     */
    static Optional<Agreement> server(List<ExtensionOffer> offers, DeflateOptions options) {
        if (!options.enabled()) {
            return Optional.empty();
        }
        for (ExtensionOffer offer : offers) {
            if (offer.name().equals(EXTENSION_NAME)) {
                Optional<Agreement> agreement = tryAccept(offer, options);
                if (agreement.isPresent()) {
                    return agreement;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Agreement> tryAccept(ExtensionOffer offer, DeflateOptions options) {
        Requested requested;
        try {
            requested = Requested.of(offer, true);
        } catch (IllegalArgumentException declined) {
            return Optional.empty(); // RFC 7692 §7.1: decline an offer with an invalid parameter
        }
        boolean serverNoContext = requested.serverNoContextTakeover || options.serverNoContextTakeover();
        // Echoing the client's own client_no_context_takeover hint keeps both sides' view identical.
        boolean clientNoContext = requested.clientNoContextTakeover || options.clientNoContextTakeover();

        // §7.1.2.1: the server may compress with a smaller window than the client allows.
        int serverBits = Math.min(requested.serverMaxWindowBits.orElse(UNLIMITED), options.serverMaxWindowBits());
        boolean sendServerBits = serverBits < UNLIMITED || requested.serverMaxWindowBits.isPresent();

        // §7.1.2.2: the response may carry client_max_window_bits only if the offer did.
        int clientBits = UNLIMITED;
        boolean sendClientBits = false;
        if (requested.clientMaxWindowBitsOffered) {
            clientBits = Math.min(requested.clientMaxWindowBits.orElse(UNLIMITED), options.clientMaxWindowBits());
            sendClientBits = clientBits < UNLIMITED || requested.clientMaxWindowBits.isPresent();
        }

        StringBuilder header = new StringBuilder(EXTENSION_NAME);
        if (serverNoContext) {
            header.append("; ").append(SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (clientNoContext) {
            header.append("; ").append(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        if (sendServerBits) {
            header.append("; ").append(SERVER_MAX_WINDOW_BITS).append('=').append(serverBits);
        }
        if (sendClientBits) {
            header.append("; ").append(CLIENT_MAX_WINDOW_BITS).append('=').append(clientBits);
        }
        DeflateParameters parameters = new DeflateParameters(serverNoContext, clientNoContext, serverBits, clientBits);
        return Optional.of(new Agreement(parameters, header.toString()));
    }

    /**
     * Client side: the offer to send. It always carries {@code client_max_window_bits} so the server may
     * limit our window (RFC 7692 §7.1.2.2), with a value when our own limit is below 15.
     *
     * @param options the client's settings; must be enabled
     * @return the {@code Sec-WebSocket-Extensions} value for the handshake request
     * @throws IllegalArgumentException if the options are disabled
     */
    static String clientOffer(DeflateOptions options) {
        if (!options.enabled()) {
            throw new IllegalArgumentException("permessage-deflate is disabled in " + options);
        }
        StringBuilder offer = new StringBuilder(EXTENSION_NAME);
        if (options.serverNoContextTakeover()) {
            offer.append("; ").append(SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (options.clientNoContextTakeover()) {
            offer.append("; ").append(CLIENT_NO_CONTEXT_TAKEOVER);
        }
        if (options.serverMaxWindowBits() < UNLIMITED) {
            offer.append("; ").append(SERVER_MAX_WINDOW_BITS).append('=').append(options.serverMaxWindowBits());
        }
        offer.append("; ").append(CLIENT_MAX_WINDOW_BITS);
        if (options.clientMaxWindowBits() < UNLIMITED) {
            offer.append('=').append(options.clientMaxWindowBits());
        }
        return offer.toString();
    }

    /**
     * Client side: checks the server's response to {@link #clientOffer(DeflateOptions)}.
     *
     * <p>A server that ignores our {@code server_no_context_takeover} or {@code server_max_window_bits}
     * request is tolerated (our inflater decodes any window, with or without context takeover); the
     * result then records what the server announced. What the RFC makes a failure is rejected: another
     * extension, an unknown or repeated parameter, a bad value, a server window above the one we asked
     * for, a client window above ours.
     *
     * @param response the extensions of the handshake response
     * @param offered the settings our offer was made from
     * @return the agreed parameters, or empty when the server accepted no extension
     * @throws IllegalArgumentException naming the offending extension or parameter
     */
    static Optional<DeflateParameters> client(List<ExtensionOffer> response, DeflateOptions offered) {
        if (response.isEmpty()) {
            return Optional.empty();
        }
        for (ExtensionOffer extension : response) {
            if (!extension.name().equals(EXTENSION_NAME)) {
                throw new IllegalArgumentException("server accepted an extension that was not offered: "
                        + extension.name());
            }
        }
        if (response.size() > 1) {
            throw new IllegalArgumentException("server accepted " + EXTENSION_NAME + " " + response.size()
                    + " times");
        }
        Requested answer = Requested.of(response.get(0), false);
        int serverBits = answer.serverMaxWindowBits.orElse(UNLIMITED);
        if (answer.serverMaxWindowBits.isPresent() && offered.serverMaxWindowBits() < UNLIMITED
                && serverBits > offered.serverMaxWindowBits()) {
            throw new IllegalArgumentException(SERVER_MAX_WINDOW_BITS + "=" + serverBits
                    + " in the response exceeds the offered " + offered.serverMaxWindowBits());
        }
        int clientBits = answer.clientMaxWindowBits.orElse(UNLIMITED);
        if (answer.clientMaxWindowBits.isPresent() && clientBits > offered.clientMaxWindowBits()) {
            throw new IllegalArgumentException(CLIENT_MAX_WINDOW_BITS + "=" + clientBits
                    + " in the response exceeds the offered " + offered.clientMaxWindowBits());
        }
        return Optional.of(new DeflateParameters(
                answer.serverNoContextTakeover,
                answer.clientNoContextTakeover || offered.clientNoContextTakeover(),
                serverBits,
                Math.min(clientBits, offered.clientMaxWindowBits())));
    }

    /** The parameters of one permessage-deflate element, checked for syntax and ranges. */
    private static final class Requested {
        boolean serverNoContextTakeover;
        boolean clientNoContextTakeover;
        Optional<Integer> serverMaxWindowBits = Optional.empty();
        boolean clientMaxWindowBitsOffered;
        Optional<Integer> clientMaxWindowBits = Optional.empty();

        /**
         * Reads the parameters of an offer ({@code isOffer}) or a response: in a response,
         * {@code client_max_window_bits} must have a value (RFC 7692 §7.1.2.2).
         */
        static Requested of(ExtensionOffer element, boolean isOffer) {
            Requested r = new Requested();
            Set<String> seen = new HashSet<>();
            for (ExtensionOffer.Param param : element.params()) {
                String name = param.name();
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("duplicated parameter " + name);
                }
                switch (name) {
                    case SERVER_NO_CONTEXT_TAKEOVER -> {
                        noValue(param);
                        r.serverNoContextTakeover = true;
                    }
                    case CLIENT_NO_CONTEXT_TAKEOVER -> {
                        noValue(param);
                        r.clientNoContextTakeover = true;
                    }
                    case SERVER_MAX_WINDOW_BITS -> {
                        if (!param.hasValue()) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        r.serverMaxWindowBits = Optional.of(windowBits(param));
                    }
                    case CLIENT_MAX_WINDOW_BITS -> {
                        if (!param.hasValue() && !isOffer) {
                            throw new IllegalArgumentException(name + " needs a value in a response");
                        }
                        r.clientMaxWindowBitsOffered = true;
                        if (param.hasValue()) {
                            r.clientMaxWindowBits = Optional.of(windowBits(param));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown parameter " + name);
                }
            }
            return r;
        }

        private static void noValue(ExtensionOffer.Param param) {
            if (param.hasValue()) {
                throw new IllegalArgumentException(param.name() + " must not have a value: " + param.value());
            }
        }

        /** A decimal 8..15 without leading zeroes (RFC 7692 §7.1.2.1). */
        private static int windowBits(ExtensionOffer.Param param) {
            String v = param.value();
            boolean digits = !v.isEmpty() && v.length() <= 2 && v.charAt(0) != '0'
                    && v.chars().allMatch(c -> c >= '0' && c <= '9');
            int bits = digits ? Integer.parseInt(v) : -1;
            if (bits < DeflateOptions.MIN_WINDOW_BITS || bits > DeflateOptions.MAX_WINDOW_BITS) {
                throw new IllegalArgumentException(param.name() + " must be 8..15: " + v);
            }
            return bits;
        }
    }
}
