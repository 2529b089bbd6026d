package io.stormsocket.samples.chatclient;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.OfflineBuffer;
import io.stormsocket.core.ReconnectPolicy;
import io.stormsocket.core.SendResult;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.codec.FrameCodecs;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A line-based terminal client that shows reconnect at work: stop and restart the server it talks
 * to, and it reconnects with backoff and delivers what was typed meanwhile.
 */
public final class ChatClientSample {
    private ChatClientSample() {
    }

    /**
     * Creates the client: newline-framed, reconnecting forever, holding up to 100 lines while away.
     *
     * @param host the server's host
     * @param port the server's port
     * @param out where to print what happens
     * @return the client, not connected yet
     */
    public static StormClient create(String host, int port, PrintStream out) {
        StormClient client = StormClient.create(ClientConfig.builder()
                .endpoint(host, port)
                .codec(FrameCodecs.lines())
                .reconnect(ReconnectPolicy.builder()
                        .initialDelay(Duration.ofMillis(200))
                        .maxDelay(Duration.ofSeconds(5))
                        .retryInitialConnect(true)
                        .build())
                .offlineBuffer(OfflineBuffer.builder().maxMessages(100).build())
                .build());
        client.onConnected(session -> out.println("* connected to " + session.remoteAddress()));
        client.onDataReceived((session, data) -> out.println(data.text()));
        client.onDisconnected((session, reason) -> out.println("* disconnected (" + reason + ")"));
        client.onReconnecting((attempt, delay) -> out.println("* reconnecting, attempt " + attempt + " in "
                + delay.toMillis() + " ms"));
        return client;
    }

    /**
     * Sends every line of {@code in} until it ends, waits until the last line is written, then
     * disconnects.
     *
     * @param client a client from {@link #create}
     * @param in the lines to send
     * @throws Exception if reading fails
     */
    public static void run(StormClient client, InputStream in) throws Exception {
        client.connect();
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        CompletableFuture<SendResult> last = CompletableFuture.completedFuture(SendResult.WRITTEN);
        String line;
        while ((line = lines.readLine()) != null) {
            last = client.send(line);
        }
        last.handle((result, error) -> null).join();
        client.disconnect().join();
    }

    /**
     * Runs the sample on the terminal.
     *
     * @param host the server's host
     * @param port the server's port
     * @throws Exception if reading the terminal fails
     */
    public static void runOnTerminal(String host, int port) throws Exception {
        try (StormClient client = create(host, port, System.out)) {
            System.out.println("* type lines to send; Ctrl-D quits");
            run(client, System.in);
        }
    }
}
