package io.stormsocket.rpc.internal;

import java.util.Objects;

/**
 * One decoded RPC envelope; the wire layout is in {@link EnvelopeCodec}. Immutable; the payload
 * array is owned by the envelope and never changed after construction.
 *
 * @param kind what the envelope is
 * @param id the correlation id: the request's for request, response, error and cancel; 0 otherwise
 * @param tag the type tag of the payload (for an error: the remote exception's type name); may be empty
 * @param payload the serialized body; may be empty
 */
public record Envelope(Kind kind, long id, String tag, byte[] payload) {
    private static final byte[] EMPTY = new byte[0];

    /** Checks the components. */
    public Envelope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * Creates an envelope without tag or payload.
     *
     * @param kind the kind
     * @param id the correlation id
     * @return the envelope
     */
    public static Envelope control(Kind kind, long id) {
        return new Envelope(kind, id, "", EMPTY);
    }

    /**
     * Returns a copy with another correlation id.
     *
     * @param newId the id
     * @return the copy
     */
    public Envelope withId(long newId) {
        return new Envelope(kind, newId, tag, payload);
    }

    @Override
    public String toString() {
        return "Envelope[" + kind + ", id=" + id + ", tag=" + tag + ", " + payload.length + " bytes]";
    }

    /** The envelope kinds and their wire codes. */
    public enum Kind {
        /** A one-way message. */
        MESSAGE(1),
        /** A request expecting a response or an error with the same id. */
        REQUEST(2),
        /** The successful response to a request. */
        RESPONSE(3),
        /** The failed response to a request (or to a message, with id 0). */
        ERROR(4),
        /** The caller cancelled the request with this id. */
        CANCEL(5),
        /** A heartbeat; answered with {@link #PONG}. */
        PING(6),
        /** The answer to a heartbeat. */
        PONG(7);

        private static final Kind[] BY_CODE = {null, MESSAGE, REQUEST, RESPONSE, ERROR, CANCEL, PING, PONG};

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /**
         * Returns the wire code.
         *
         * @return the code byte
         */
        public int code() {
            return code;
        }

        /**
         * Looks up a wire code.
         *
         * @param code the byte read
         * @return the kind, or {@code null} for an unknown code
         */
        static Kind of(int code) {
            return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        }
    }
}
