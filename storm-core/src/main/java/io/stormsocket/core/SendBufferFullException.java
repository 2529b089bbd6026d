package io.stormsocket.core;

/**
 * A send was refused because the session already holds its hard cap of unwritten bytes
 * ({@code maxQueuedSendBytes}). The data was released; the session stays open. Await send futures
 * (or use {@link SlowConsumerPolicy#DROP}) to stay below the cap.
 */
public final class SendBufferFullException extends StormException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which session, how much was queued and the cap
     */
    public SendBufferFullException(String message) {
        super(message);
    }
}
