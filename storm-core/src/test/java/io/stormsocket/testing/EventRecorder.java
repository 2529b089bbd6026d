package io.stormsocket.testing;

import io.stormsocket.core.CloseReason;
import io.stormsocket.core.IdleKind;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionEvents;
import io.stormsocket.core.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Subscribes to every event of a server or client and queues them, copied, so a test can await
 * them in order without sleeping.
 *
 * <pre>{@code
 * EventRecorder events = EventRecorder.attach(server);
 * Session s = events.awaitConnected();
 * assertThat(events.awaitData().text()).isEqualTo("hello");
 * events.awaitDisconnected(CloseReason.REMOTE_CLOSE);
 * }</pre>
 */
public final class EventRecorder implements AutoCloseable {
    /** How long each await waits by default. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One recorded event. */
    public sealed interface Event permits Connected, Data, Disconnected, Error, Idle {
        /** {@return the session the event belongs to} */
        Session session();
    }

    /** @param session the opened session */
    public record Connected(Session session) implements Event {
    }

    /**
     * @param session the receiving session
     * @param bytes a copy of the payload
     */
    public record Data(Session session, byte[] bytes) implements Event {
        /** {@return the payload as UTF-8} */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param session the closed session
     * @param reason why
     */
    public record Disconnected(Session session, CloseReason reason) implements Event {
    }

    /**
     * @param session the session
     * @param error what failed
     */
    public record Error(Session session, Throwable error) implements Event {
    }

    /**
     * @param session the idle session
     * @param kind which timeout
     */
    public record Idle(Session session, IdleKind kind) implements Event {
    }

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Subscription> subscriptions = new ArrayList<>();

    private EventRecorder() {
    }

    /**
     * Subscribes a new recorder to every event.
     *
     * @param source a server or client
     * @return the recorder
     */
    public static EventRecorder attach(SessionEvents source) {
        EventRecorder recorder = new EventRecorder();
        recorder.subscriptions.add(source.onConnected(s -> recorder.events.add(new Connected(s))));
        recorder.subscriptions.add(source.onDataReceived((s, data) ->
                recorder.events.add(new Data(s, data.isBytes() ? data.bytes() : String.valueOf(data.frame()).getBytes(StandardCharsets.UTF_8)))));
        recorder.subscriptions.add(source.onDisconnected((s, reason) -> recorder.events.add(new Disconnected(s, reason))));
        recorder.subscriptions.add(source.onError((s, error) -> recorder.events.add(new Error(s, error))));
        recorder.subscriptions.add(source.onIdle((s, kind) -> recorder.events.add(new Idle(s, kind))));
        return recorder;
    }

    /**
     * Waits for the next event and checks its type.
     *
     * @param type the expected event class
     * @param <E> the event type
     * @return the event
     */
    public <E extends Event> E await(Class<E> type) {
        Event event = next();
        if (!type.isInstance(event)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + event);
        }
        return type.cast(event);
    }

    /** {@return the next event, which must be {@link Connected}} */
    public Session awaitConnected() {
        return await(Connected.class).session();
    }

    /** {@return the next event, which must be {@link Data}} */
    public Data awaitData() {
        return await(Data.class);
    }

    /**
     * Waits for data events until {@code expected} bytes have arrived (a raw stream may split or
     * merge sends) and returns them concatenated.
     *
     * @param expected the number of bytes to collect
     * @return the bytes as UTF-8 text
     */
    public String awaitText(int expected) {
        StringBuilder text = new StringBuilder();
        int received = 0;
        while (received < expected) {
            Data data = awaitData();
            received += data.bytes().length;
            text.append(data.text());
        }
        return text.toString();
    }

    /**
     * Waits for the next event, which must be {@link Disconnected} with this reason.
     *
     * @param reason the expected reason
     * @return the event
     */
    public Disconnected awaitDisconnected(CloseReason reason) {
        Disconnected event = await(Disconnected.class);
        if (event.reason() != reason) {
            throw new AssertionError("expected disconnect reason " + reason + " but got " + event.reason());
        }
        return event;
    }

    /** {@return the next event, which must be {@link Error}} */
    public Throwable awaitError() {
        return await(Error.class).error();
    }

    /** {@return the next event, whatever it is} */
    public Event next() {
        try {
            Event event = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + TIMEOUT);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for an event", e);
        }
    }

    /** Fails if any event is queued now. */
    public void assertNoMoreEvents() {
        Event event = events.poll();
        if (event != null) {
            throw new AssertionError("unexpected event " + event);
        }
    }

    /** {@return the events queued now, removing them} */
    public List<Event> drain() {
        List<Event> drained = new ArrayList<>();
        events.drainTo(drained);
        return drained;
    }

    /** Unsubscribes from every event. */
    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
    }
}
