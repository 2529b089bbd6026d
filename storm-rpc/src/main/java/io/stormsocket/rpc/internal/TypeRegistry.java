package io.stormsocket.rpc.internal;

import io.stormsocket.rpc.Request;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes this endpoint agreed to instantiate from the wire, by type tag (the fully
 * qualified class name). Filled only by local code: handler registrations, sends and expected
 * response types. Never loads a class by name. Thread-safe.
 */
final class TypeRegistry {
    private static final ClassValue<Class<?>> RESPONSE_TYPES = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Type t : c.getGenericInterfaces()) {
                    if (t instanceof ParameterizedType p && p.getRawType() == Request.class
                            && p.getActualTypeArguments()[0] instanceof Class<?> response) {
                        return response;
                    }
                }
            }
            throw new IllegalArgumentException(type.getName()
                    + " must implement Request<R> directly, with a concrete class for R");
        }
    };

    private final Map<String, Class<?>> byTag = new ConcurrentHashMap<>();

    /**
     * Registers a class and returns its tag.
     *
     * @param type the class
     * @return its tag
     */
    String register(Class<?> type) {
        String tag = type.getName();
        if (tag.getBytes(StandardCharsets.UTF_8).length > EnvelopeCodec.MAX_TAG_BYTES) {
            throw new IllegalArgumentException("class name too long to be a type tag: " + tag);
        }
        byTag.putIfAbsent(tag, type);
        return tag;
    }

    Optional<Class<?>> lookup(String tag) {
        return Optional.ofNullable(byTag.get(tag));
    }

    /**
     * Returns the response class a request class declares.
     *
     * @param requestType the request class
     * @return its {@code R}
     */
    static Class<?> responseType(Class<?> requestType) {
        return RESPONSE_TYPES.get(requestType);
    }
}
