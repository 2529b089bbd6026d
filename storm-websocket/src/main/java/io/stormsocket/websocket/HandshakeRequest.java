package io.stormsocket.websocket;

import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a server knows of an HTTP request before it accepts a WebSocket upgrade (or answers a plain
 * request): method, path, query parameters, headers, cookies, subprotocols and the peer's address.
 * Header names are case-insensitive.
 *
 * <p>Threading: immutable; safe to pass to other threads (for an asynchronous decision).
 */
public final class HandshakeRequest {
    private final String method;
    private final String uri;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final Map<String, String> cookies;
    private final List<String> subprotocols;
    private final SocketAddress remoteAddress;

    /**
     * Creates a request view; Storm builds these, applications receive them.
     *
     * @param method the HTTP method
     * @param uri the request target as sent
     * @param path the decoded path, without the query
     * @param query decoded query parameters
     * @param headers headers, keyed by lower-case name
     * @param cookies cookies by name
     * @param subprotocols the subprotocols the client offers, in its order of preference
     * @param remoteAddress the peer's address (after any PROXY header)
     */
    public HandshakeRequest(String method, String uri, String path, Map<String, List<String>> query,
                            Map<String, List<String>> headers, Map<String, String> cookies, List<String> subprotocols,
                            SocketAddress remoteAddress) {
        this.method = method;
        this.uri = uri;
        this.path = path;
        this.query = Map.copyOf(query);
        this.headers = Map.copyOf(headers);
        this.cookies = Map.copyOf(cookies);
        this.subprotocols = List.copyOf(subprotocols);
        this.remoteAddress = remoteAddress;
    }

    /** {@return the HTTP method, such as {@code GET}} */
    public String method() {
        return method;
    }

    /** {@return the request target exactly as sent, with any query} */
    public String uri() {
        return uri;
    }

    /** {@return the decoded path, without the query} */
    public String path() {
        return path;
    }

    /** {@return every query parameter with its values} */
    public Map<String, List<String>> queryParameters() {
        return query;
    }

    /**
     * Returns the first value of a query parameter.
     *
     * @param name the parameter
     * @return its first value, if present
     */
    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** {@return every header, keyed by lower-case name} */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, in any case
     * @return its first value, if present
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** {@return the cookies the request carries, by name} */
    public Map<String, String> cookies() {
        return cookies;
    }

    /**
     * Returns a cookie's value.
     *
     * @param name the cookie name
     * @return its value, if present
     */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** {@return the subprotocols the client offers, most preferred first} */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** {@return the {@code Origin} header a browser sends, if present} */
    public Optional<String> origin() {
        return header("origin");
    }

    /** {@return the peer's address} */
    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String toString() {
        return method + " " + uri + " from " + remoteAddress;
    }
}
