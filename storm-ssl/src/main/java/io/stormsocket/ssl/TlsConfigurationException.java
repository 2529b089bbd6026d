package io.stormsocket.ssl;

import io.stormsocket.core.StormException;

/**
 * TLS options cannot be built or reloaded: a file cannot be read, a key cannot be decrypted, a
 * certificate cannot be parsed, or the provider rejects a protocol or cipher suite. The message
 * names the file or setting.
 */
public final class TlsConfigurationException extends StormException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the file or setting
     */
    public TlsConfigurationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, naming the file or setting
     * @param cause the underlying failure
     */
    public TlsConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
