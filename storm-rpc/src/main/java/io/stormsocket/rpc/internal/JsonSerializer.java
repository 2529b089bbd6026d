package io.stormsocket.rpc.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stormsocket.rpc.RpcSerializer;

/**
 * The default {@link RpcSerializer}: Jackson JSON. Default typing is never enabled, so a payload
 * cannot name classes; unknown properties are ignored so peers can add fields.
 */
public final class JsonSerializer implements RpcSerializer {
    /** The shared instance; Jackson's mapper is thread-safe once configured. */
    public static final JsonSerializer INSTANCE = new JsonSerializer();

    private final ObjectMapper mapper = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonSerializer() {
    }

    @Override
    public byte[] serialize(Object value) throws Exception {
        return mapper.writeValueAsBytes(value);
    }

    @Override
    public <T> T deserialize(byte[] data, Class<T> type) throws Exception {
        T value = mapper.readValue(data, type);
        if (value == null) {
            throw new IllegalArgumentException("payload is JSON null, not a " + type.getName());
        }
        return value;
    }

    @Override
    public String toString() {
        return "RpcSerializer.json()";
    }
}
