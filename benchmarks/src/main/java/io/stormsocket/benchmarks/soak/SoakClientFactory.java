package io.stormsocket.benchmarks.soak;

import io.stormsocket.benchmarks.echo.Proto;
import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormResources;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.ssl.TlsClientOptions;
import io.stormsocket.ssl.TrustMaterial;
import io.stormsocket.websocket.StormWebSocketClient;
import io.stormsocket.websocket.WebSocketClientOptions;
import java.net.URI;
import java.util.function.Consumer;

/**
 * Makes the soak's clients, TCP (length-prefix codec) or WebSocket, plain or TLS, on shared event
 * loops, each delivering the text of every message it receives to a callback. WebSocket clients are
 * returned as their {@link StormWebSocketClient#storm()} client: sends become text messages and a
 * graceful disconnect sends Close 1000.
 *
 * <p>Threading: any thread; the callbacks run on the client's event loop.
 */
final class SoakClientFactory {
    private final boolean webSocket;
    private final StormResources resources;
    private final TlsClientOptions tls;

    SoakClientFactory(Proto proto, StormResources resources, TrustMaterial trust) {
        this.webSocket = proto.webSocket();
        this.resources = resources;
        this.tls = TlsClientOptions.builder().trust(trust).build();
    }

    /**
     * Makes one client; it is not connected yet.
     *
     * @param port the server's port on 127.0.0.1
     * @param secure whether to use TLS
     * @param onText called with the text of every message received
     * @return the client
     */
    StormClient create(int port, boolean secure, Consumer<String> onText) {
        if (webSocket) {
            ClientConfig.Builder config = ClientConfig.builder().resources(resources);
            if (secure) {
                config.tls(tls);
            }
            URI uri = URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + port + "/soak");
            StormWebSocketClient client = StormWebSocketClient.create(uri, config, WebSocketClientOptions.defaults());
            client.onMessageReceived((session, message) -> onText.accept(message.text()));
            return client.storm();
        }
        ClientConfig.Builder config = ClientConfig.builder().endpoint("127.0.0.1", port)
                .codec(FrameCodecs.lengthPrefix()).resources(resources);
        if (secure) {
            config.tls(tls);
        }
        StormClient client = StormClient.create(config.build());
        client.onDataReceived((session, data) -> onText.accept(data.text()));
        return client;
    }
}
