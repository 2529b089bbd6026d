package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StormServerTest {
    private StormServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private StormServer start(ServerConfig.Builder config) {
        server = StormServer.create(config.endpoint(Endpoint.tcp("127.0.0.1", 0)).build());
        return server;
    }

    @Test
    void echoesRawBytesToAPlainSocket() throws Exception {
        start(ServerConfig.builder());
        server.onDataReceived((session, data) -> session.send(data));
        EventRecorder events = EventRecorder.attach(server);
        Await.result(server.start());

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            Session session = events.awaitConnected();
            OutputStream out = socket.getOutputStream();
            out.write("hello storm".getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] echoed = in.readNBytes(11);
            assertThat(new String(echoed, StandardCharsets.UTF_8)).isEqualTo("hello storm");
            assertThat(events.awaitText(11)).isEqualTo("hello storm");
            assertThat(session.metrics().bytesIn()).isEqualTo(11);
        }
        events.awaitDisconnected(CloseReason.REMOTE_CLOSE);
        events.assertNoMoreEvents();
    }

    @Test
    void clientAndServerExchangeLengthPrefixedFrames() {
        start(ServerConfig.builder().codec(FrameCodecs.lengthPrefix()));
        server.onDataReceived((session, data) -> session.send("re: " + data.text()));
        Await.result(server.start());

        try (StormClient client = StormClient.create(ClientConfig.builder()
                .endpoint("127.0.0.1", server.port())
                .codec(FrameCodecs.lengthPrefix())
                .build())) {
            EventRecorder events = EventRecorder.attach(client);
            Await.result(client.connect());
            events.awaitConnected();
            for (int i = 0; i < 100; i++) {
                client.send("frame " + i);
            }
            for (int i = 0; i < 100; i++) {
                assertThat(events.awaitData().text()).isEqualTo("re: frame " + i);
            }
        }
    }

    @Test
    void repliesOfOneReadBatchShareAFutureThatCompletesOnceTheyAreWritten() throws Exception {
        start(ServerConfig.builder().codec(FrameCodecs.lengthPrefix()));
        BlockingQueue<StormFuture<SendResult>> sent = new LinkedBlockingQueue<>();
        server.onDataReceived((session, data) -> {
            sent.add(session.send("first"));
            sent.add(session.send("second"));
        });
        Await.result(server.start());

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(new byte[] {0, 0, 0, 1, 'x'});
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (String expected : new String[] {"first", "second"}) {
                byte[] frame = new byte[in.readInt()];
                in.readFully(frame);
                assertThat(new String(frame, StandardCharsets.UTF_8)).isEqualTo(expected);
            }
            StormFuture<SendResult> first = sent.poll(10, TimeUnit.SECONDS);
            StormFuture<SendResult> second = sent.poll(10, TimeUnit.SECONDS);
            assertThat(second).isSameAs(first);
            assertThat(Await.result(first)).isEqualTo(SendResult.WRITTEN);
        }
    }

    @Test
    void repliesOfAReadBatchCutShortByACloseFail() throws Exception {
        start(ServerConfig.builder().codec(FrameCodecs.lengthPrefix()));
        CompletableFuture<StormFuture<SendResult>> sent = new CompletableFuture<>();
        server.onDataReceived((session, data) -> {
            sent.complete(session.send("never written"));
            session.abort();
        });
        Await.result(server.start());

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(new byte[] {0, 0, 0, 1, 'x'});
            assertThat(Await.failure(Await.result(sent))).isInstanceOf(SessionClosedException.class);
        }
    }
}
