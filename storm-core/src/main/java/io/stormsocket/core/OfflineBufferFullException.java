package io.stormsocket.core;

/**
 * A client send was refused because the offline buffer is full: the client is not connected and
 * the send would take the buffer past {@link OfflineBuffer#maxMessages()} or
 * {@link OfflineBuffer#maxBytes()}. Sends held earlier stay buffered; any buffer handed to the
 * refused send has been released.
 */
public final class OfflineBufferFullException extends StormException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which limit was reached, with the buffer's current contents
     */
    public OfflineBufferFullException(String message) {
        super(message);
    }
}
