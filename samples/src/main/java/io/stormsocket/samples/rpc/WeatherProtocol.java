package io.stormsocket.samples.rpc;

import io.stormsocket.rpc.Request;

/**
 * The messages both RPC samples share; each request names its response type, so the compiler
 * checks both ends.
 */
public final class WeatherProtocol {
    private WeatherProtocol() {
    }

    /**
     * Client to server: what is the weather in a city?
     *
     * @param city the city
     */
    public record WeatherRequest(String city) implements Request<WeatherResponse> {
    }

    /**
     * The answer to a {@link WeatherRequest}.
     *
     * @param city the city asked about
     * @param forecast the forecast, in words
     */
    public record WeatherResponse(String city, String forecast) {
    }

    /**
     * Server to client, right after it connects: who are you, and what time is it where you are?
     *
     * @param serverTime the server's clock, ISO-8601 in UTC
     */
    public record WhoAreYou(String serverTime) implements Request<ClientInfo> {
    }

    /**
     * The answer to {@link WhoAreYou}.
     *
     * @param name the client's name
     * @param localTime the client's local time, ISO-8601
     * @param zone the client's time zone
     */
    public record ClientInfo(String name, String localTime, String zone) {
    }
}
