package io.stormsocket.core;

import io.netty.util.AttributeKey;
import java.util.Objects;

/**
 * A typed key for per-session user data, backed by a Netty {@link AttributeKey}.
 *
 * <pre>{@code
 * static final SessionKey<String> USER = SessionKey.of("user", String.class);
 * session.attribute(USER, "alice");
 * String name = session.attribute(USER).orElse("anonymous");
 * }</pre>
 *
 * <p>Keys are compared by name: two keys with the same name address the same slot, so a name must
 * always be used with the same type. Keep keys in {@code static final} fields.
 *
 * @param <T> the value type
 */
public final class SessionKey<T> {
    private static final String PREFIX = "storm.user.";

    private final String name;
    private final Class<T> type;
    private final AttributeKey<T> attributeKey;

    private SessionKey(String name, Class<T> type) {
        this.name = name;
        this.type = type;
        this.attributeKey = AttributeKey.valueOf(PREFIX + name);
    }

    /**
     * Creates (or finds) the key with this name.
     *
     * @param name a name unique within the application
     * @param type the value type, checked on every write
     * @param <T> the value type
     * @return the key
     */
    public static <T> SessionKey<T> of(String name, Class<T> type) {
        return new SessionKey<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"));
    }

    /**
     * Returns the key's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the value type.
     *
     * @return the type
     */
    public Class<T> type() {
        return type;
    }

    /**
     * Returns the Netty attribute key behind this key.
     *
     * @return the attribute key
     */
    public AttributeKey<T> attributeKey() {
        return attributeKey;
    }

    @Override
    public String toString() {
        return "SessionKey[" + name + ": " + type.getSimpleName() + "]";
    }
}
