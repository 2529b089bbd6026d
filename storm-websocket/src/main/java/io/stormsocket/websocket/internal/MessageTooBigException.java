package io.stormsocket.websocket.internal;

import io.stormsocket.core.StormException;

/**
 * A decompressed message grew beyond the configured limit. Raised while inflating, as soon as the
 * limit is passed, so a small compressed message cannot expand into a large allocation (a
 * decompression bomb). The session answers with close code 1009 (message too big, RFC 6455 §7.4.1).
 */
final class MessageTooBigException extends StormException {
    private static final long serialVersionUID = 1L;

    /** The limit that was exceeded, in bytes. */
    private final long limit;

    MessageTooBigException(long limit) {
        super("decompressed message exceeds the limit of " + limit + " bytes");
        this.limit = limit;
    }

    /** {@return the limit that was exceeded, in bytes} */
    long limit() {
        return limit;
    }
}
