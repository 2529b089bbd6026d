package io.stormsocket.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.samples.chatclient.ChatClientSample;
import io.stormsocket.samples.sslecho.SslEchoSample;
import io.stormsocket.samples.tcpecho.TcpEchoSample;
import io.stormsocket.samples.wschat.WsChatSample;
import io.stormsocket.ssl.SelfSignedCertificates;
import io.stormsocket.ssl.TlsClientOptions;
import io.stormsocket.ssl.TlsSessions;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.StormExtension;
import io.stormsocket.websocket.StormWebSocketClient;
import io.stormsocket.websocket.StormWebSocketServer;
import io.stormsocket.websocket.WebSocketClientOptions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SamplesTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    @Test
    void tcpEchoEchoesWhatAScriptedClientSends() throws Exception {
        StormServer server = storm.closeAfter(TcpEchoSample.start(0));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (String line : new String[] {"hello\n", "storm\n"}) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                assertThat(new String(in.readNBytes(line.length()), StandardCharsets.UTF_8)).isEqualTo(line);
            }
        }
    }

    @Test
    void sslEchoEchoesOverTlsWithItsSelfSignedCertificate() throws Exception {
        SelfSignedCertificates certificate = SelfSignedCertificates.create("localhost", "127.0.0.1");
        StormServer server = storm.closeAfter(SslEchoSample.start(0, certificate));
        StormClient client = storm.client(ClientConfig.builder()
                .endpoint("127.0.0.1", server.port())
                .codec(FrameCodecs.lines())
                .tls(TlsClientOptions.builder().trust(certificate.trustMaterial()).build()));
        java.util.concurrent.LinkedBlockingQueue<String> replies = new java.util.concurrent.LinkedBlockingQueue<>();
        client.onDataReceived((s, d) -> replies.add(d.text()));
        Await.result(client.connect());
        client.send("over tls");
        assertThat(replies.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("over tls");
        assertThat(TlsSessions.protocol(client.session().orElseThrow())).isPresent();
    }

    @Test
    void chatClientSendsEveryLineAndPrintsReplies() throws Exception {
        StormServer echo = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()));
        java.util.concurrent.LinkedBlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        echo.onDataReceived((session, data) -> {
            received.add(data.text());
            session.send("echo: " + data.text());
        });
        storm.start(echo);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        StormClient client = storm.closeAfter(ChatClientSample.create("127.0.0.1", echo.port(), out));
        java.io.PipedOutputStream typing = new java.io.PipedOutputStream();
        java.io.PipedInputStream terminal = new java.io.PipedInputStream(typing);
        java.util.concurrent.CompletableFuture<Void> running = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                ChatClientSample.run(client, terminal);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        for (String line : new String[] {"first", "second"}) {
            typing.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            typing.flush();
            assertThat(received.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(line);
            Await.until("the reply to " + line + " is printed",
                    () -> printed.toString(StandardCharsets.UTF_8).contains("echo: " + line));
        }
        typing.close();
        Await.result(running);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("* connected to", "* disconnected (LOCAL_CLOSE)");
    }

    @Test
    void wsChatServesItsPageAndRelaysMessagesToEveryoneElse() throws Exception {
        StormWebSocketServer server = storm.closeAfter(WsChatSample.start(0));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Storm chat</title>").contains("/chat?name=");

        java.util.concurrent.LinkedBlockingQueue<String> alice = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.LinkedBlockingQueue<String> bob = new java.util.concurrent.LinkedBlockingQueue<>();
        StormWebSocketClient a = chatClient(server, "alice", alice);
        StormWebSocketClient b = chatClient(server, "bob", bob);
        assertThat(alice.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("* bob joined");
        a.send("hi bob");
        assertThat(bob.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("alice: hi bob");
        b.send("hi alice");
        assertThat(alice.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("bob: hi alice");
        b.close();
        assertThat(alice.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("* bob left");
        assertThat(bob).isEmpty();
    }

    private StormWebSocketClient chatClient(StormWebSocketServer server, String name,
                                            java.util.concurrent.BlockingQueue<String> lines) {
        StormWebSocketClient client = storm.closeAfter(StormWebSocketClient.create(
                java.net.URI.create("ws://127.0.0.1:" + server.port() + "/chat?name=" + name),
                ClientConfig.builder(), WebSocketClientOptions.defaults()));
        client.onMessageReceived((session, message) -> lines.add(message.text()));
        Await.result(client.connect());
        return client;
    }
}
