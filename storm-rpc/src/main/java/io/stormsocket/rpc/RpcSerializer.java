package io.stormsocket.rpc;

import io.stormsocket.rpc.internal.JsonSerializer;

/**
 * Turns message objects into payload bytes and back. Storm only ever asks it to read a class
 * that a handler or a send registered locally; the class is never named by the peer.
 *
 * <p>Threading: called from many threads at once; implementations must be thread-safe.
 */
public interface RpcSerializer {
    /**
     * Returns the default serializer: JSON through Jackson, with records supported and
     * polymorphic typing off.
     *
     * @return the JSON serializer
     */
    static RpcSerializer json() {
        return JsonSerializer.INSTANCE;
    }

    /**
     * Serializes a value.
     *
     * @param value a message, request or response
     * @return its bytes
     * @throws Exception when the value cannot be serialized; the send fails with it
     */
    byte[] serialize(Object value) throws Exception;

    /**
     * Deserializes a value of a registered type.
     *
     * @param data the payload
     * @param type the class registered for the envelope's type tag
     * @param <T> the type
     * @return the value, never {@code null}
     * @throws Exception when the bytes are not a valid {@code type}
     */
    <T> T deserialize(byte[] data, Class<T> type) throws Exception;
}
