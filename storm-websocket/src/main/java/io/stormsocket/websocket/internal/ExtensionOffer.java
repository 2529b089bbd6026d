package io.stormsocket.websocket.internal;

import java.util.List;
import java.util.Objects;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header
 * (<a href="https://www.rfc-editor.org/rfc/rfc6455#section-9.1">RFC 6455 §9.1</a>): an extension name
 * and its parameters in the order they were written. In a client request it is an offer, in a server
 * response the accepted configuration.
 *
 * @param name the extension token, such as {@code permessage-deflate}
 * @param params the parameters in header order; unmodifiable
 */
record ExtensionOffer(String name, List<Param> params) {

    ExtensionOffer {
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
    }

    /**
     * One extension parameter.
     *
     * @param name the parameter token
     * @param value the value, unquoted, or {@code null} when the parameter had none
     */
    record Param(String name, String value) {
        Param {
            Objects.requireNonNull(name, "name");
        }

        /** {@return whether the parameter was written with a value} */
        boolean hasValue() {
            return value != null;
        }
    }
}
