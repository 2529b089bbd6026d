package io.stormsocket.ssl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Validation shared by the server and client options' builders. Stateless. */
public final class Checks {
    /** The protocol names the providers know; older ones are refused by the JDK's default policy anyway. */
    private static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");

    private Checks() {
    }

    /**
     * Checks protocol names.
     *
     * @param protocols the names
     * @return an immutable copy
     */
    public static List<String> protocols(List<String> protocols) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one protocol is required");
        }
        for (String protocol : protocols) {
            if (!PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("unknown TLS protocol '" + protocol + "'; use one of " + PROTOCOLS);
            }
        }
        return List.copyOf(protocols);
    }

    /**
     * Checks a list of names (cipher suites, ALPN protocols): none blank, no duplicates.
     *
     * @param names the names
     * @param what what they are, for messages
     * @return an immutable copy
     */
    public static List<String> names(List<String> names, String what) {
        List<String> copy = new ArrayList<>(names.size());
        for (String name : names) {
            if (name.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            if (copy.contains(name)) {
                throw new IllegalArgumentException("duplicate " + what + ": " + name);
            }
            copy.add(name);
        }
        return List.copyOf(copy);
    }

    /**
     * Checks an SNI host name: a DNS name, or a wildcard whose only {@code *} is the whole first
     * label ({@code *.example.com}).
     *
     * @param hostName the name
     * @return the name in lower case
     */
    public static String sniHostName(String hostName) {
        String name = hostName.toLowerCase(Locale.ROOT);
        String rest = name.startsWith("*.") ? name.substring(2) : name;
        if (rest.isEmpty() || rest.contains("*") || rest.startsWith(".") || rest.endsWith(".") || rest.contains("..")
                || !rest.chars().allMatch(c -> c == '.' || c == '-' || c == '_' || Character.isLetterOrDigit(c))) {
            throw new IllegalArgumentException("not a host name or *.domain wildcard: '" + hostName + "'");
        }
        return name;
    }
}
