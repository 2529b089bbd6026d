package io.stormsocket.websocket.internal;

import io.stormsocket.core.StormException;

/**
 * A compressed message is not valid DEFLATE data. The session fails the connection (close code 1007
 * or 1002, RFC 6455 §7.4.1); the inflater is unusable afterwards.
 */
final class InvalidCompressedDataException extends StormException {
    private static final long serialVersionUID = 1L;

    InvalidCompressedDataException(String message, Throwable cause) {
        super(message, cause);
    }

    InvalidCompressedDataException(String message) {
        super(message);
    }
}
