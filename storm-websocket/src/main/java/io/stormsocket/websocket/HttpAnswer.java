package io.stormsocket.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A plain HTTP response to a request that is not a WebSocket upgrade: a page, a health check.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param body the body
 */
public record HttpAnswer(int status, String contentType, byte[] body) {
    /**
     * Validates the answer.
     *
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}
     * @param body the body, copied
     * @throws IllegalArgumentException for a status outside 200-599
     */
    public HttpAnswer {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 200-599: " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        body = body.clone();
    }

    /**
     * A {@code text/html} answer with status 200.
     *
     * @param html the page
     * @return the answer
     */
    public static HttpAnswer html(String html) {
        return new HttpAnswer(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A {@code text/plain} answer.
     *
     * @param status the HTTP status
     * @param text the body
     * @return the answer
     */
    public static HttpAnswer text(int status, String text) {
        return new HttpAnswer(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@return a copy of the body} */
    @Override
    public byte[] body() {
        return body.clone();
    }
}
