package io.stormsocket.websocket.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code Sec-WebSocket-Extensions} header values by the grammar of
 * <a href="https://www.rfc-editor.org/rfc/rfc6455#section-9.1">RFC 6455 §9.1</a>:
 *
 * <pre>
 * extension-list = 1#extension
 * extension      = extension-token *( ";" extension-param )
 * extension-param = token [ "=" (token | quoted-string) ]
 * </pre>
 *
 * <p>Optional whitespace (space, tab) is allowed around separators. Empty list elements are skipped,
 * as <a href="https://www.rfc-editor.org/rfc/rfc9110#section-5.6.1">RFC 9110 §5.6.1</a> asks of
 * recipients. A quoted value is unescaped and must then still be a token, as RFC 6455 §9.1 requires.
 * Stateless.
 */
final class ExtensionHeaders {

    private ExtensionHeaders() {
    }

    /**
     * Parses every offer of every header line, in order.
     *
     * @param headerValues the values of all {@code Sec-WebSocket-Extensions} header lines
     * @return the extensions in the order written; empty when there are none
     * @throws IllegalArgumentException if a value does not follow the grammar
     */
    static List<ExtensionOffer> parse(List<String> headerValues) {
        List<ExtensionOffer> offers = new ArrayList<>();
        for (String value : headerValues) {
            new Parser(value).parseList(offers);
        }
        return offers;
    }

    /** {@return whether {@code c} is a tchar of RFC 9110 §5.6.2} */
    static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A cursor over one header value. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        void parseList(List<ExtensionOffer> into) {
            while (true) {
                skipWhitespace();
                if (atEnd()) {
                    return;
                }
                if (peek() == ',') {
                    pos++; // empty list element
                    continue;
                }
                into.add(parseExtension());
                skipWhitespace();
                if (atEnd()) {
                    return;
                }
                expect(',');
            }
        }

        private ExtensionOffer parseExtension() {
            String name = token("extension name");
            List<ExtensionOffer.Param> params = new ArrayList<>();
            while (true) {
                skipWhitespace();
                if (atEnd() || peek() == ',') {
                    return new ExtensionOffer(name, params);
                }
                expect(';');
                skipWhitespace();
                String paramName = token("parameter name");
                skipWhitespace();
                String value = null;
                if (!atEnd() && peek() == '=') {
                    pos++;
                    skipWhitespace();
                    value = !atEnd() && peek() == '"' ? quotedToken() : token("value of " + paramName);
                }
                params.add(new ExtensionOffer.Param(paramName, value));
            }
        }

        private String token(String what) {
            int start = pos;
            while (!atEnd() && isTokenChar(peek())) {
                pos++;
            }
            if (start == pos) {
                throw error("expected " + what);
            }
            return s.substring(start, pos);
        }

        private String quotedToken() {
            int start = pos;
            pos++; // opening quote
            StringBuilder value = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    pos = start;
                    throw error("unterminated quoted-string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    if (atEnd()) {
                        pos = start;
                        throw error("unterminated quoted-string");
                    }
                    c = s.charAt(pos++);
                }
                value.append(c);
            }
            String unquoted = value.toString();
            if (!isToken(unquoted)) {
                pos = start;
                throw error("quoted value must be a token after unquoting (RFC 6455 §9.1)");
            }
            return unquoted;
        }

        private void expect(char c) {
            if (atEnd() || peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private void skipWhitespace() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                pos++;
            }
        }

        private boolean atEnd() {
            return pos >= s.length();
        }

        private char peek() {
            return s.charAt(pos);
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("malformed Sec-WebSocket-Extensions value, " + problem
                    + " at index " + pos + ": \"" + s + "\"");
        }
    }
}
