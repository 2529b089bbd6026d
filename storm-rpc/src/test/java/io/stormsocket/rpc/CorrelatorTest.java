package io.stormsocket.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionClosedException;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The correlation layer on its own, with a protocol and codec the user wrote. */
class CorrelatorTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    /** A user frame: 8-byte id, 1-byte flag (0 push, 1 request, 2 reply, 3 cancel), 2-byte length, text. */
    record Line(long id, byte flag, String text) {
    }

    static final class LineCodec implements FrameCodec<Line> {
        @Override
        public Class<Line> frameType() {
            return Line.class;
        }

        @Override
        public void decode(ByteBuf in, Consumer<? super Line> out) {
            if (in.readableBytes() < 11) {
                return;
            }
            int length = in.getUnsignedShort(in.readerIndex() + 9);
            if (in.readableBytes() < 11 + length) {
                return;
            }
            long id = in.readLong();
            byte flag = in.readByte();
            in.skipBytes(2);
            out.accept(new Line(id, flag, in.readCharSequence(length, StandardCharsets.UTF_8).toString()));
        }

        @Override
        public ByteBuf encode(Line frame, ByteBufAllocator alloc) {
            byte[] text = frame.text().getBytes(StandardCharsets.UTF_8);
            return alloc.buffer(11 + text.length).writeLong(frame.id()).writeByte(frame.flag())
                    .writeShort(text.length).writeBytes(text);
        }
    }

    static final class LineCorrelation implements Correlation<Line> {
        @Override
        public long correlationId(Line frame) {
            return frame.id();
        }

        @Override
        public boolean isResponse(Line frame) {
            return frame.flag() == 2;
        }

        @Override
        public Line withCorrelationId(Line frame, long id) {
            return new Line(id, frame.flag(), frame.text());
        }

        @Override
        public Optional<Line> cancelFrame(long id) {
            return Optional.of(new Line(id, (byte) 3, ""));
        }
    }

    private final LinkedBlockingQueue<Line> serverReceived = new LinkedBlockingQueue<>();

    /** Echoes requests upper-cased, except "silent" ones; records everything. */
    private StormServer echoServer() {
        StormServer server = storm.server(ServerConfig.builder().codec(new LineCodec()));
        server.onFrameReceived(Line.class, (session, line) -> {
            serverReceived.add(line);
            if (line.flag() == 1 && !line.text().startsWith("silent")) {
                session.sendFrame(new Line(line.id(), (byte) 2, line.text().toUpperCase()));
                session.sendFrame(new Line(0, (byte) 0, "pushed after " + line.text()));
            }
        });
        return storm.start(server);
    }

    private Session connect(StormClient client) {
        return Await.result(client.connect());
    }

    @Test
    void responsesCompleteTheirRequestsAndOtherFramesGoToTheHandler() throws Exception {
        StormServer server = echoServer();
        StormClient client = storm.client(ClientConfig.builder().codec(new LineCodec()), server);
        Correlator<Line> correlator = Correlator.builder(Line.class, new LineCorrelation()).build();
        LinkedBlockingQueue<Line> handled = new LinkedBlockingQueue<>();
        correlator.attach(client, (session, line) -> handled.add(line));
        Session session = connect(client);

        List<StormFuture<Line>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(correlator.request(session, new Line(0, (byte) 1, "hello " + i)));
        }
        for (int i = 0; i < 100; i++) {
            Line reply = Await.result(calls.get(i));
            assertThat(reply.text()).isEqualTo("HELLO " + i);
            assertThat(reply.id()).isEqualTo(i + 1);
        }
        for (int i = 0; i < 100; i++) {
            Line pushed = handled.poll(10, TimeUnit.SECONDS);
            assertThat(pushed).isNotNull();
            assertThat(pushed.flag()).as("responses never reach the handler").isEqualTo((byte) 0);
        }
        assertThat(correlator.inFlight(session)).isZero();
    }

    @Test
    void timeoutCancelAndLimit() throws Exception {
        StormServer server = echoServer();
        StormClient client = storm.client(ClientConfig.builder().codec(new LineCodec()), server);
        Correlator<Line> correlator = Correlator.builder(Line.class, new LineCorrelation())
                .defaultTimeout(Duration.ofMillis(100)).maxInFlight(2).build();
        correlator.attach(client, (session, line) -> { });
        Session session = connect(client);

        assertThat(Await.failure(correlator.request(session, new Line(0, (byte) 1, "silent 1"))))
                .isInstanceOf(RequestTimeoutException.class);
        Line timedOut = Await.<Line>value("the cancel after the timeout", serverReceived::poll,
                line -> line != null && line.flag() == 3);
        assertThat(timedOut.id()).isEqualTo(1);

        StormFuture<Line> pending = correlator.request(session, new Line(0, (byte) 1, "silent 2"), Duration.ofSeconds(30));
        StormFuture<Line> other = correlator.request(session, new Line(0, (byte) 1, "silent 3"), Duration.ofSeconds(30));
        assertThat(Await.failure(correlator.request(session, new Line(0, (byte) 1, "x"))))
                .isInstanceOf(InFlightLimitException.class);
        assertThat(pending.cancel(true)).isTrue();
        assertThatThrownBy(pending::join).isInstanceOf(CancellationException.class);
        Line cancel = Await.<Line>value("the cancel frame", serverReceived::poll, line -> line != null && line.flag() == 3);
        assertThat(cancel.id()).isEqualTo(2);
        assertThat(correlator.inFlight(session)).isEqualTo(1);
        assertThat(other).isNotDone();
    }

    @Test
    void closingTheSessionFailsEveryPendingRequest() {
        StormServer server = echoServer();
        EventRecorder events = storm.closeAfter(EventRecorder.attach(server));
        StormClient client = storm.client(ClientConfig.builder().codec(new LineCodec()), server);
        Correlator<Line> correlator = Correlator.builder(Line.class, new LineCorrelation()).build();
        correlator.attach(client, (session, line) -> { });
        Session session = connect(client);
        List<StormFuture<Line>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(correlator.request(session, new Line(0, (byte) 1, "silent " + i)));
        }
        events.awaitConnected().close();

        for (StormFuture<Line> call : calls) {
            assertThat(Await.failure(call)).isInstanceOf(SessionClosedException.class);
        }
        assertThat(correlator.inFlight(session)).isZero();
        assertThat(Await.failure(correlator.request(session, new Line(0, (byte) 1, "late"))))
                .isInstanceOf(SessionClosedException.class);
    }

    @Test
    void builderValidatesAndDescribesItself() {
        assertThatThrownBy(() -> Correlator.builder(Line.class, new LineCorrelation()).maxInFlight(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Correlator.builder(Line.class, new LineCorrelation()).defaultTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        Correlator<Line> correlator = Correlator.builder(Line.class, new LineCorrelation()).build();
        assertThat(correlator.defaultTimeout()).isEqualTo(Correlator.DEFAULT_TIMEOUT);
        assertThat(correlator.maxInFlight()).isEqualTo(Correlator.DEFAULT_MAX_IN_FLIGHT);
        assertThat(correlator.toString()).contains("Line").contains("maxInFlight=10000");
    }
}
