package io.stormsocket.ssl.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a private key and its certificate chain come from. {@link #load()} reads the source afresh
 * each time, which is what a reload relies on. Implementations are immutable and thread-safe.
 */
public interface KeySource {
    /**
     * Reads the key and chain now.
     *
     * @return the key and chain
     * @throws io.stormsocket.ssl.TlsConfigurationException if the source cannot be read or parsed
     */
    LoadedKey load();

    /** {@return the files {@link #load()} reads, for file watching; empty for in-memory sources} */
    List<Path> files();
}
