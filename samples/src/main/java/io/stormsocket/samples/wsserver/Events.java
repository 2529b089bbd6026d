package io.stormsocket.samples.wsserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The JSON the ws-server sample reads and writes. Every outgoing message is an object with a
 * {@code type} field; every incoming command an object with a {@code cmd} field.
 *
 * <p>Threading: stateless; the shared mapper is thread-safe.
 */
final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    /** Starts an outgoing message of a type; callers add fields and send {@code toString()}. */
    static ObjectNode event(String type) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        return node;
    }

    static String error(String message) {
        return event("error").put("message", message).toString();
    }

    static String tick(Instant time) {
        return event("tick").put("time", time.toString()).toString();
    }

    static String broadcast(String text) {
        return event("broadcast").put("from", "admin").put("text", text).toString();
    }

    /** Parses one command; anything but a JSON object is refused. */
    static JsonNode command(String text) throws JsonProcessingException {
        JsonNode node = JSON.readTree(text);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a command is a JSON object such as {\"cmd\":\"users\"}");
        }
        return node;
    }
}
