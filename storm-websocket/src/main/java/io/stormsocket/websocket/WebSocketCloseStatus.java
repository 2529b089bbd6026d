package io.stormsocket.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A close code and reason (<a href="https://www.rfc-editor.org/rfc/rfc6455#section-7.4">RFC 6455
 * section 7.4</a>), sent or received in a Close frame.
 *
 * @param code the status code
 * @param reason the reason, at most 123 bytes of UTF-8; may be empty
 */
public record WebSocketCloseStatus(int code, String reason) {
    /** 1000: the purpose of the connection was fulfilled. */
    public static final int NORMAL = 1000;
    /** 1001: the endpoint is going away (server shutdown, page navigation). */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: a data type the endpoint cannot accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005: no code was present (never sent on the wire). */
    public static final int NO_STATUS = 1005;
    /** 1006: the connection closed without a Close frame (never sent on the wire). */
    public static final int ABNORMAL = 1006;
    /** 1007: data inconsistent with its type, such as invalid UTF-8 in a text message. */
    public static final int INVALID_PAYLOAD = 1007;
    /** 1008: a message violates the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a frame or message is too big to process. */
    public static final int TOO_BIG = 1009;
    /** 1010: the client expected an extension the server did not negotiate. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: the server met an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;

    /** The longest reason a Close frame can carry: 125 bytes of payload minus the code. */
    public static final int MAX_REASON_BYTES = 123;

    /**
     * Validates the status.
     *
     * @param code the status code
     * @param reason the reason
     * @throws IllegalArgumentException if the code may not be sent or the reason is too long
     */
    public WebSocketCloseStatus {
        Objects.requireNonNull(reason, "reason");
        if (!isSendable(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent: use 1000-1003, 1007-1014"
                    + " or 3000-4999 (RFC 6455 section 7.4)");
        }
        int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason is " + bytes + " bytes of UTF-8; at most "
                    + MAX_REASON_BYTES + " fit in a Close frame");
        }
    }

    /**
     * Creates a status with an empty reason.
     *
     * @param code the status code
     * @return the status
     */
    public static WebSocketCloseStatus of(int code) {
        return new WebSocketCloseStatus(code, "");
    }

    /**
     * Tells whether a code may appear in a Close frame: the codes RFC 6455 defines for use on the
     * wire, those IANA registered since (1012-1014), and the ranges for libraries (3000-3999) and
     * applications (4000-4999).
     *
     * @param code the code
     * @return {@code true} if it may be sent and received
     */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }
}
