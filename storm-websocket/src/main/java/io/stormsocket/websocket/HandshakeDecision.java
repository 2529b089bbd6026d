package io.stormsocket.websocket;

import io.stormsocket.core.SessionKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A server's answer to an upgrade request: accept (optionally choosing a subprotocol, setting
 * session attributes and adding response headers) or reject with an HTTP status.
 *
 * <pre>{@code
 * server.onConnecting(request -> request.queryParameter("token").flatMap(tokens::user)
 *         .map(user -> HandshakeDecision.accept().withAttribute(USER, user))
 *         .orElse(HandshakeDecision.reject(401, "missing or unknown token")));
 * }</pre>
 *
 * <p>Immutable: each {@code with} method returns a new decision.
 */
public final class HandshakeDecision {
    private static final HandshakeDecision ACCEPT = new HandshakeDecision(0, "", null, List.of(), Map.of());

    private final int status;
    private final String reason;
    private final String subprotocol;
    private final List<Map.Entry<SessionKey<?>, Object>> attributes;
    private final Map<String, String> headers;

    private HandshakeDecision(int status, String reason, String subprotocol,
                              List<Map.Entry<SessionKey<?>, Object>> attributes, Map<String, String> headers) {
        this.status = status;
        this.reason = reason;
        this.subprotocol = subprotocol;
        this.attributes = attributes;
        this.headers = headers;
    }

    /**
     * Accepts the upgrade. Without {@link #withSubprotocol}, the server picks the first subprotocol
     * of its own list that the client offers, if any.
     *
     * @return the decision
     */
    public static HandshakeDecision accept() {
        return ACCEPT;
    }

    /**
     * Rejects the upgrade with an HTTP status and a reason, sent as a plain-text body.
     *
     * @param status an HTTP status from 400 to 599
     * @param reason why, for the client
     * @return the decision
     */
    public static HandshakeDecision reject(int status, String reason) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a rejection needs a 4xx or 5xx status: " + status);
        }
        return new HandshakeDecision(status, Objects.requireNonNull(reason, "reason"), null, List.of(), Map.of());
    }

    /**
     * Chooses the subprotocol to answer with; it must be one the client offered.
     *
     * @param subprotocol the subprotocol
     * @return a new decision
     */
    public HandshakeDecision withSubprotocol(String subprotocol) {
        requireAccepted();
        return new HandshakeDecision(0, "", Objects.requireNonNull(subprotocol, "subprotocol"), attributes, headers);
    }

    /**
     * Sets a session attribute, visible from {@code onConnected} on.
     *
     * @param key the key
     * @param value the value
     * @param <T> the value type
     * @return a new decision
     */
    public <T> HandshakeDecision withAttribute(SessionKey<T> key, T value) {
        requireAccepted();
        List<Map.Entry<SessionKey<?>, Object>> more = new ArrayList<>(attributes);
        more.add(Map.entry(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
        return new HandshakeDecision(0, "", subprotocol, Collections.unmodifiableList(more), headers);
    }

    /**
     * Adds a header to the {@code 101 Switching Protocols} response (a {@code Set-Cookie}, say).
     *
     * @param name the header name
     * @param value the value
     * @return a new decision
     */
    public HandshakeDecision withHeader(String name, String value) {
        requireAccepted();
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new HandshakeDecision(0, "", subprotocol, attributes, Collections.unmodifiableMap(more));
    }

    private void requireAccepted() {
        if (!isAccepted()) {
            throw new IllegalStateException("a rejection carries no subprotocol, attributes or headers");
        }
    }

    /** {@return whether the upgrade is accepted} */
    public boolean isAccepted() {
        return status == 0;
    }

    /** {@return the rejection's HTTP status, or 0 when accepted} */
    public int status() {
        return status;
    }

    /** {@return the rejection's reason, empty when accepted} */
    public String reason() {
        return reason;
    }

    /** {@return the subprotocol chosen by the handler, if any} */
    public Optional<String> subprotocol() {
        return Optional.ofNullable(subprotocol);
    }

    /** {@return the session attributes to set, in order} */
    public List<Map.Entry<SessionKey<?>, Object>> attributes() {
        return attributes;
    }

    /** {@return the extra response headers} */
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return isAccepted() ? "accept" + (subprotocol == null ? "" : " (" + subprotocol + ")") : "reject " + status + " " + reason;
    }
}
