package io.stormsocket.benchmarks.echo;

import java.util.Locale;

/**
 * The protocols of the echo tool: raw TCP and TLS with the chosen {@link Framing}, and WebSocket
 * ({@code ws}, {@code wss}) with one binary message per payload (the framing option does not
 * apply to WebSocket: RFC 6455 frames delimit the messages).
 */
public enum Proto {
    /** Plain TCP. */
    TCP(false, false),
    /** TCP with TLS (a self-signed certificate made at start; the client trusts any certificate). */
    TLS(true, false),
    /** WebSocket over plain TCP (RFC 6455), one binary message per payload. */
    WS(false, true),
    /** WebSocket over TLS, with the same certificate handling as {@link #TLS}. */
    WSS(true, true);

    private final boolean secure;
    private final boolean webSocket;

    Proto(boolean secure, boolean webSocket) {
        this.secure = secure;
        this.webSocket = webSocket;
    }

    /**
     * Tells whether the connection runs over TLS.
     *
     * @return {@code true} for tls and wss
     */
    public boolean secure() {
        return secure;
    }

    /**
     * Tells whether messages travel as WebSocket messages.
     *
     * @return {@code true} for ws and wss
     */
    public boolean webSocket() {
        return webSocket;
    }

    /**
     * Parses a command-line name: {@code tcp}, {@code tls}, {@code ws} or {@code wss}.
     *
     * @param name the name
     * @return the protocol
     * @throws IllegalArgumentException for an unknown name
     */
    public static Proto parse(String name) {
        for (Proto proto : values()) {
            if (proto.label().equals(name.toLowerCase(Locale.ROOT))) {
                return proto;
            }
        }
        throw new IllegalArgumentException("unknown protocol " + name + " (tcp, tls, ws or wss)");
    }

    /**
     * Returns the lower-case name used on the command line and in RESULT lines.
     *
     * @return the name
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
