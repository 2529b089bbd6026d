package io.stormsocket.websocket.internal;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.Endpoint;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormFuture;
import io.stormsocket.websocket.StormWebSocketClient;
import io.stormsocket.websocket.WebSocketClientOptions;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/** The {@link StormWebSocketClient}: a Storm client with the WebSocket protocol hook. */
public final class DefaultWebSocketClient implements StormWebSocketClient {
    private final StormClient storm;
    private final URI uri;

    private DefaultWebSocketClient(StormClient storm, URI uri) {
        this.storm = storm;
        this.uri = uri;
    }

    /**
     * Creates the client.
     *
     * @param uri the {@code ws://} or {@code wss://} URI
     * @param config the Storm configuration
     * @param options the WebSocket options
     * @return the client
     */
    public static StormWebSocketClient create(URI uri, ClientConfig.Builder config, WebSocketClientOptions options) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals("wss");
        if (!secure && !scheme.equals("ws")) {
            throw new IllegalArgumentException("a WebSocket URI starts with ws:// or wss://: " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("a WebSocket URI needs a host: " + uri);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        // A copy: the caller's builder stays as it was (it may configure other clients).
        ClientConfig built = config.build().toBuilder().endpoint(Endpoint.tcp(uri.getHost(), port))
                .protocol(WebSocketProtocol.client(options, uri)).build();
        if (secure != built.tls().isPresent()) {
            throw new IllegalArgumentException(secure
                    ? "wss:// needs TLS: set tls(TlsClientOptions...) from storm-ssl on the client configuration"
                    : "ws:// is plaintext, but the client configuration has TLS; use wss://");
        }
        return new DefaultWebSocketClient(StormClient.create(built), uri);
    }

    @Override
    public StormFuture<Session> connect() {
        return storm.connect();
    }

    @Override
    public StormClient storm() {
        return storm;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        storm.close();
    }

    @Override
    public String toString() {
        return "StormWebSocketClient[" + uri + "]";
    }
}
