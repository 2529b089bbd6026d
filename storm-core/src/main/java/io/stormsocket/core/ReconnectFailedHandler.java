package io.stormsocket.core;

/**
 * Called when a {@link StormClient} gives up reconnecting because
 * {@link ReconnectPolicy#maxAttempts()} attempts have failed. The client is
 * {@link ClientState#DISCONNECTED} by then; call {@link StormClient#connect()} to start over.
 *
 * <p>This is where the client reports an error that has no session: {@link ErrorHandler} takes
 * the session the error happened in, and a reconnect that never connected has none. The same error
 * also fails a {@link StormClient#connect()} future still waiting, and is the cause of the
 * {@link SessionClosedException} that fails each send held in the offline buffer.
 *
 * <p>Threading: as {@link ReconnectingHandler}. A handler that throws is logged.
 */
@FunctionalInterface
public interface ReconnectFailedHandler {
    /**
     * Handles the end of reconnecting.
     *
     * @param attempts how many attempts failed
     * @param error names the endpoint and the number of attempts; its cause is the last attempt's
     *     transport failure
     * @throws Exception logged and otherwise ignored
     */
    void onReconnectFailed(int attempts, ConnectFailedException error) throws Exception;
}
