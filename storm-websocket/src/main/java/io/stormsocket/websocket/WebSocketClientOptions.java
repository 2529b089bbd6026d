package io.stormsocket.websocket;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A WebSocket client's options: the {@linkplain WebSocketOptions shared ones} plus extra handshake
 * headers and an {@code Origin}.
 *
 * <table>
 *   <caption>Client options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>headers</td><td>none</td><td>extra headers on the upgrade request (an {@code Authorization}, cookies)</td></tr>
 *   <tr><td>origin</td><td>none</td><td>an {@code Origin} header, as a browser would send</td></tr>
 * </table>
 */
public final class WebSocketClientOptions extends WebSocketOptions {
    private final Map<String, String> headers;
    private final String origin;

    private WebSocketClientOptions(Builder b) {
        super(b);
        this.headers = Map.copyOf(b.headers);
        this.origin = b.origin;
    }

    /** {@return the defaults} */
    public static WebSocketClientOptions defaults() {
        return builder().build();
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return the extra handshake headers} */
    public Map<String, String> headers() {
        return headers;
    }

    /** {@return the {@code Origin} to send, if any} */
    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    @Override
    public String toString() {
        return "WebSocketClientOptions[headers=" + headers.keySet() + ", origin=" + origin + ", " + sharedToString() + "]";
    }

    /** Builds {@link WebSocketClientOptions}. */
    public static final class Builder extends WebSocketOptions.Builder<Builder> {
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String origin;

        private Builder() {
        }

        private Builder(WebSocketClientOptions o) {
            super(o);
            this.headers.putAll(o.headers);
            this.origin = o.origin;
        }

        /**
         * Adds a header to the upgrade request.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sends an {@code Origin} header.
         *
         * @param origin such as {@code "https://example.com"}
         * @return this builder
         */
        public Builder origin(String origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /** {@return the options} */
        public WebSocketClientOptions build() {
            return new WebSocketClientOptions(this);
        }
    }
}
