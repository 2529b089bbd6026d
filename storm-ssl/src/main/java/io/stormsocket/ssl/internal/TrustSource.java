package io.stormsocket.ssl.internal;

import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where trusted certificates come from. {@link #load()} reads the source afresh each time.
 * Implementations are immutable and thread-safe.
 */
public interface TrustSource {
    /**
     * Reads the trusted certificates now.
     *
     * @return a trust manager factory over them
     * @throws io.stormsocket.ssl.TlsConfigurationException if the source cannot be read or parsed
     */
    TrustManagerFactory load();

    /** {@return the files {@link #load()} reads, for file watching; empty for in-memory sources} */
    List<Path> files();
}
