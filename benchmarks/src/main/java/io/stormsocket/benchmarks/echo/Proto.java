package io.stormsocket.benchmarks.echo;

import java.util.Locale;

/** The protocols of the echo tool. WebSocket ({@code ws}, {@code wss}) waits for storm-websocket. */
public enum Proto {
    /** Plain TCP. */
    TCP,
    /** TCP with TLS (a self-signed certificate made at start; the client trusts any certificate). */
    TLS;

    /**
     * Parses a command-line name: {@code tcp} or {@code tls}.
     *
     * @param name the name
     * @return the protocol
     * @throws IllegalArgumentException for an unknown name or a protocol not built yet
     */
    public static Proto parse(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("ws") || lower.equals("wss")) {
            throw new IllegalArgumentException(name + " is not available yet: storm-websocket does not exist");
        }
        return valueOf(lower.toUpperCase(Locale.ROOT));
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
