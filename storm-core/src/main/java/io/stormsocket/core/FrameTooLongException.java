package io.stormsocket.core;

/**
 * A frame announced or accumulated more bytes than the codec's maximum frame length. Storm raises
 * this before allocating anything of the announced size.
 */
public final class FrameTooLongException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** The length the peer announced, or the bytes seen without a delimiter. */
    private final long announcedLength;
    /** The configured maximum frame length. */
    private final long maxLength;

    /**
     * Creates the exception.
     *
     * @param announcedLength the length the peer claimed or the bytes seen so far without a
     *     delimiter; may be negative when the peer sent a negative length
     * @param maxLength the configured maximum
     */
    public FrameTooLongException(long announcedLength, long maxLength) {
        super("frame length " + announcedLength + " is outside the allowed range 0.." + maxLength);
        this.announcedLength = announcedLength;
        this.maxLength = maxLength;
    }

    /**
     * Returns the length the peer announced, or the bytes seen without finding a delimiter.
     *
     * @return the offending length
     */
    public long announcedLength() {
        return announcedLength;
    }

    /**
     * Returns the configured maximum frame length.
     *
     * @return the limit that was exceeded
     */
    public long maxLength() {
        return maxLength;
    }
}
