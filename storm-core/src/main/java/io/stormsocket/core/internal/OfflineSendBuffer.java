package io.stormsocket.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.OfflineBuffer;
import io.stormsocket.core.OfflineBufferFullException;
import io.stormsocket.core.SendResult;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sends a client holds while a connection is on its way, in the order they were made, within
 * the limits of an {@link OfflineBuffer}.
 *
 * <p>Threading: not thread-safe. {@link #hold}, {@link #takeAll()} and the size accessors are
 * called only while holding the owning client's monitor, which also decides whether a send is held
 * at all, so holding and draining are atomic with the client's state changes. {@link Held#deliver}
 * and {@link Held#fail} complete user futures and are called with no lock held.
 *
 * <p>Resources: a held {@code ByteBuf} is owned by this buffer until {@link Held#deliver} hands it
 * to a session (which then owns it) or {@link Held#fail} releases it; a refused send's buffer is
 * released by {@link #hold}.
 */
final class OfflineSendBuffer {
    private final OfflineBuffer limits;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long bytes;

    OfflineSendBuffer(OfflineBuffer limits) {
        this.limits = limits;
    }

    /** {@return whether sends are held at all} */
    boolean enabled() {
        return limits.enabled();
    }

    /** {@return whether nothing is held} */
    boolean isEmpty() {
        return held.isEmpty();
    }

    /** {@return the number of held sends} */
    int size() {
        return held.size();
    }

    /** {@return the payload bytes held} */
    long bytes() {
        return bytes;
    }

    /**
     * Holds a send, or refuses it when it does not fit.
     *
     * @param message a {@code String}, {@code byte[]} (copied), {@code ByteBuf} (owned from now on)
     *     or typed frame
     * @return completes when the data is written once a session opens; failed with
     *     {@link OfflineBufferFullException} at once when the buffer is full
     */
    StormFuture<SendResult> hold(Object message) {
        long size = sizeOf(message);
        if (held.size() >= limits.maxMessages() || size > limits.maxBytes() - bytes) {
            ReferenceCountUtil.release(message);
            return StormFuture.failed(new OfflineBufferFullException("offline buffer full: holding " + held.size()
                    + " of " + limits.maxMessages() + " messages and " + bytes + " of " + limits.maxBytes()
                    + " bytes; a send of " + size + " bytes does not fit"));
        }
        Object copy = message instanceof byte[] array ? array.clone() : message;
        Held entry = new Held(copy, size);
        held.add(entry);
        bytes += size;
        return entry.promise.future();
    }

    /** {@return every held send, oldest first, leaving the buffer empty} */
    List<Held> takeAll() {
        if (held.isEmpty()) {
            return List.of();
        }
        List<Held> all = new ArrayList<>(held);
        held.clear();
        bytes = 0;
        return all;
    }

    /**
     * Fails held sends, releasing their buffers.
     *
     * @param sends what {@link #takeAll()} returned
     * @param cause the failure every future gets
     */
    static void failAll(List<Held> sends, Throwable cause) {
        for (Held send : sends) {
            send.fail(cause);
        }
    }

    private static long sizeOf(Object message) {
        if (message instanceof String text) {
            return ByteBufUtil.utf8Bytes(text);
        }
        if (message instanceof byte[] array) {
            return array.length;
        }
        if (message instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        return 0;
    }

    /** One held send and the future its caller got. */
    static final class Held {
        private final Object message;
        private final long size;
        private final StormFuture.Promise<SendResult> promise = StormFuture.promise();

        private Held(Object message, long size) {
            this.message = message;
            this.size = size;
        }

        /**
         * Writes the send to a session; the caller's future completes as the session's does.
         *
         * @param session the session that just opened
         */
        void deliver(Session session) {
            StormFuture<SendResult> sent;
            if (message instanceof String text) {
                sent = session.send(text);
            } else if (message instanceof byte[] array) {
                sent = session.send(array);
            } else if (message instanceof ByteBuf buf) {
                sent = session.send(buf);
            } else {
                sent = session.sendFrame(message);
            }
            sent.whenComplete((result, error) -> {
                if (error == null) {
                    promise.succeed(result);
                } else {
                    promise.fail(error);
                }
            });
        }

        /**
         * Fails the send and releases its buffer.
         *
         * @param cause the failure
         */
        void fail(Throwable cause) {
            ReferenceCountUtil.release(message);
            promise.fail(cause);
        }

        @Override
        public String toString() {
            return "Held[" + message.getClass().getSimpleName() + ", " + size + " bytes]";
        }
    }
}
