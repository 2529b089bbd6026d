package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HandlerExecutorTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    /** Virtual threads on Java 21+, a cached pool on 17: the contract is the same. */
    private ExecutorService newExecutor() {
        try {
            Method virtual = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) virtual.invoke(null);
        } catch (ReflectiveOperationException e) {
            return Executors.newCachedThreadPool();
        }
    }

    @Test
    void eventsRunOnTheExecutorInPerSessionOrderAndHandlersMayBlock() throws Exception {
        ExecutorService executor = newExecutor();
        storm.closeAfter(executor::shutdownNow);
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()).handlerExecutor(executor));
        Map<Long, List<String>> seen = new ConcurrentHashMap<>();
        AtomicBoolean onEventLoop = new AtomicBoolean();
        AtomicBoolean overlapped = new AtomicBoolean();
        Map<Long, AtomicBoolean> busy = new ConcurrentHashMap<>();
        server.onConnected(s -> seen.put(s.id(), new CopyOnWriteArrayList<>(List.of("connected"))));
        server.onDataReceived((s, data) -> {
            if (s.channel().eventLoop().inEventLoop()) {
                onEventLoop.set(true);
            }
            AtomicBoolean flag = busy.computeIfAbsent(s.id(), id -> new AtomicBoolean());
            if (!flag.compareAndSet(false, true)) {
                overlapped.set(true);
            }
            String text = data.text();
            // Blocking is allowed off the event loop.
            Thread.yield();
            seen.get(s.id()).add(text);
            flag.set(false);
            if (text.equals("99")) {
                s.send("done");
            }
        });
        CountDownLatch disconnected = new CountDownLatch(3);
        server.onDisconnected((s, reason) -> {
            seen.get(s.id()).add("disconnected");
            disconnected.countDown();
        });
        storm.start(server);

        for (int c = 0; c < 3; c++) {
            StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lines()), server);
            EventRecorder events = EventRecorder.attach(client);
            Await.result(client.connect());
            for (int i = 0; i < 100; i++) {
                client.send(String.valueOf(i));
            }
            events.awaitConnected();
            assertThat(events.awaitData().text()).isEqualTo("done");
            Await.result(client.disconnect());
        }
        assertThat(disconnected.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(onEventLoop).isFalse();
        assertThat(overlapped).isFalse();
        assertThat(seen).hasSize(3);
        for (List<String> events : seen.values()) {
            assertThat(events).hasSize(102);
            assertThat(events.get(0)).isEqualTo("connected");
            for (int i = 0; i < 100; i++) {
                assertThat(events.get(i + 1)).isEqualTo(String.valueOf(i));
            }
            assertThat(events.get(101)).isEqualTo("disconnected");
        }
    }

    @Test
    void typedFramesCountTheirWireBytesAgainstTheReceiveLimit() throws Exception {
        ExecutorService executor = newExecutor();
        storm.closeAfter(executor::shutdownNow);
        CountDownLatch gate = new CountDownLatch(1);
        StormServer server = storm.server(ServerConfig.builder()
                .codec(new TypedCodecTest.MessageCodec())
                .handlerExecutor(executor)
                .maxPendingReceiveBytes(32 * 1024));
        java.util.concurrent.atomic.AtomicInteger handled = new java.util.concurrent.atomic.AtomicInteger();
        server.onFrameReceived(TypedCodecTest.Message.class, (s, m) -> {
            gate.await();
            handled.incrementAndGet();
        });
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(new TypedCodecTest.MessageCodec())
                .maxQueuedSendBytes(64L * 1024 * 1024), server);
        Session clientSession = Await.result(client.connect());
        Session session = events.awaitConnected();
        String body = "x".repeat(1000);
        for (int i = 0; i < 2000; i++) {
            clientSession.queueFrame(new TypedCodecTest.Message((byte) 1, body));
        }
        clientSession.flush();
        Await.until("reading paused for typed frames", () -> !session.channel().config().isAutoRead());
        gate.countDown();
        Await.until("every frame handled", () -> handled.get() == 2000);
    }

    @Test
    void slowHandlersPauseReadingAtTheReceiveLimitAndLoseNothing() throws Exception {
        ExecutorService executor = newExecutor();
        storm.closeAfter(executor::shutdownNow);
        CountDownLatch gate = new CountDownLatch(1);
        int limit = 64 * 1024;
        StormServer server = storm.server(ServerConfig.builder()
                .codec(FrameCodecs.lengthPrefix())
                .handlerExecutor(executor)
                .maxPendingReceiveBytes(limit)
                .socketOptions(SocketOptions.builder().receiveBufferSize(16 * 1024).build()));
        java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        server.onDataReceived((s, data) -> {
            gate.await();
            received.addAndGet(data.length());
        });
        EventRecorder events = EventRecorder.attach(server);
        storm.start(server);
        StormClient client = storm.client(ClientConfig.builder().codec(FrameCodecs.lengthPrefix())
                .maxQueuedSendBytes(16L * 1024 * 1024) // the test queues 4 MiB without awaiting
                .socketOptions(SocketOptions.builder().sendBufferSize(16 * 1024).build()), server);
        Session clientSession = Await.result(client.connect());
        Session session = events.awaitConnected();

        byte[] frame = new byte[1024];
        int frames = 4096; // 4 MiB, far beyond the limit plus the socket buffers
        for (int i = 0; i < frames; i++) {
            clientSession.queue(frame);
        }
        clientSession.flush();
        Await.until("the server stopped reading", () -> !session.channel().config().isAutoRead());
        Await.until("the client is backpressured", () -> !clientSession.channel().isWritable());
        long readWhilePaused = session.metrics().bytesIn();
        // What was read is bounded by the limit, one read batch and the frames in the decoder.
        assertThat(readWhilePaused).isLessThan(limit + 512 * 1024);

        gate.countDown();
        Await.until("every byte handled", () -> received.get() == (long) frames * frame.length);
        assertThat(session.channel().config().isAutoRead()).isTrue();
    }
}
