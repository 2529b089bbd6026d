package io.stormsocket.websocket;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A WebSocket server's options: the {@linkplain WebSocketOptions shared ones} plus where it accepts
 * upgrades, from which origins, and how it answers plain HTTP.
 *
 * <table>
 *   <caption>Server options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>paths</td><td>any</td><td>request paths that may upgrade; others get 404</td></tr>
 *   <tr><td>allowedOrigins</td><td>any</td><td>{@code Origin} values accepted (cross-site WebSocket hijacking protection); others get 403. Requests without an {@code Origin} (non-browser clients) are accepted</td></tr>
 *   <tr><td>httpHandler</td><td>none</td><td>answers plain HTTP requests; without it (or when it answers empty) they get {@code 426 Upgrade Required}</td></tr>
 *   <tr><td>maxRequestHeaderSize</td><td>8 KiB</td><td>largest upgrade request header block; larger gets 431</td></tr>
 * </table>
 */
public final class WebSocketServerOptions extends WebSocketOptions {
    /** Default largest request header block: 8 KiB. */
    public static final int DEFAULT_MAX_REQUEST_HEADER_SIZE = 8192;

    private final Set<String> paths;
    private final Set<String> allowedOrigins;
    private final HttpHandler httpHandler;
    private final int maxRequestHeaderSize;

    private WebSocketServerOptions(Builder b) {
        super(b);
        this.paths = b.paths;
        this.allowedOrigins = b.allowedOrigins;
        this.httpHandler = b.httpHandler;
        this.maxRequestHeaderSize = b.maxRequestHeaderSize;
    }

    /** {@return the defaults} */
    public static WebSocketServerOptions defaults() {
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

    /** {@return the paths that may upgrade; empty for any} */
    public Set<String> paths() {
        return paths;
    }

    /** {@return the accepted {@code Origin} values, or empty for any} */
    public Optional<Set<String>> allowedOrigins() {
        return Optional.ofNullable(allowedOrigins);
    }

    /** {@return the handler for plain HTTP requests, if any} */
    public Optional<HttpHandler> httpHandler() {
        return Optional.ofNullable(httpHandler);
    }

    /** {@return the largest request header block, in bytes} */
    public int maxRequestHeaderSize() {
        return maxRequestHeaderSize;
    }

    @Override
    public String toString() {
        return "WebSocketServerOptions[paths=" + (paths.isEmpty() ? "any" : paths) + ", allowedOrigins="
                + (allowedOrigins == null ? "any" : allowedOrigins) + ", httpHandler=" + httpHandler
                + ", maxRequestHeaderSize=" + maxRequestHeaderSize + ", " + sharedToString() + "]";
    }

    /** Builds {@link WebSocketServerOptions}. */
    public static final class Builder extends WebSocketOptions.Builder<Builder> {
        private Set<String> paths = Set.of();
        private Set<String> allowedOrigins;
        private HttpHandler httpHandler;
        private int maxRequestHeaderSize = DEFAULT_MAX_REQUEST_HEADER_SIZE;

        private Builder() {
        }

        private Builder(WebSocketServerOptions o) {
            super(o);
            this.paths = o.paths;
            this.allowedOrigins = o.allowedOrigins;
            this.httpHandler = o.httpHandler;
            this.maxRequestHeaderSize = o.maxRequestHeaderSize;
        }

        /**
         * Accepts upgrades only on these exact paths (such as {@code "/chat"}). Default: any path.
         *
         * @param paths the paths, each starting with {@code /}
         * @return this builder
         */
        public Builder paths(String... paths) {
            for (String path : paths) {
                if (!path.startsWith("/")) {
                    throw new IllegalArgumentException("a path starts with '/': " + path);
                }
            }
            this.paths = Set.of(paths);
            return this;
        }

        /**
         * Accepts browser upgrades only from these origins, such as {@code "https://example.com"};
         * compared exactly. Default: any origin.
         *
         * @param origins the origins
         * @return this builder
         */
        public Builder allowedOrigins(Set<String> origins) {
            this.allowedOrigins = Set.copyOf(origins);
            return this;
        }

        /**
         * Answers plain HTTP requests (a page, a health check). Default: none, {@code 426}.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder httpHandler(HttpHandler handler) {
            this.httpHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets the largest request header block. Default 8 KiB.
         *
         * @param bytes at least 1024
         * @return this builder
         */
        public Builder maxRequestHeaderSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxRequestHeaderSize must be at least 1024: " + bytes);
            }
            this.maxRequestHeaderSize = bytes;
            return this;
        }

        /** {@return the options} */
        public WebSocketServerOptions build() {
            return new WebSocketServerOptions(this);
        }
    }
}
