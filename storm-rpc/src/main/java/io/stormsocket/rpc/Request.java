package io.stormsocket.rpc;

/**
 * Marks a message type as a request whose response has type {@code R}; the compiler then ties
 * each request to its response on both ends.
 *
 * <pre>{@code
 * record WeatherRequest(String city) implements Request<WeatherResponse> {}
 * record WeatherResponse(String forecast) {}
 * }</pre>
 *
 * <p>Implement this interface directly with a concrete {@code R}: Storm reads {@code R} from the
 * class declaration to know what to deserialize the response into.
 *
 * @param <R> the response type
 */
public interface Request<R> {
}
