package io.stormsocket.core;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a server listens or a client connects: a TCP host and port, or a Unix domain socket path.
 *
 * <pre>{@code
 * Endpoint.tcp(5000)                 // server: all interfaces, IPv4 and IPv6
 * Endpoint.tcp("127.0.0.1", 0)       // loopback, ephemeral port
 * Endpoint.unix(Path.of("/run/app.sock"))
 * }</pre>
 *
 * <p>Unix domain sockets work with every transport on Linux and macOS (the NIO transport needs
 * Java 16+, which Storm requires anyway).
 */
public final class Endpoint {
    private final String host;
    private final int port;
    private final Path path;

    private Endpoint(String host, int port, Path path) {
        this.host = host;
        this.port = port;
        this.path = path;
    }

    /**
     * A TCP endpoint on every local interface. For a server this binds the wildcard address, which
     * accepts IPv4 and IPv6 clients where the OS supports dual-stack sockets.
     *
     * @param port 0 to 65535; 0 picks a free port
     * @return the endpoint
     */
    public static Endpoint tcp(int port) {
        return new Endpoint(null, checkPort(port), null);
    }

    /**
     * A TCP endpoint on a host name or literal address.
     *
     * @param host a host name, an IPv4 literal or an IPv6 literal
     * @param port 0 to 65535; 0 picks a free port (servers)
     * @return the endpoint
     */
    public static Endpoint tcp(String host, int port) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        return new Endpoint(host, checkPort(port), null);
    }

    /**
     * A TCP endpoint from a socket address.
     *
     * @param address the address; an unresolved one is resolved when used
     * @return the endpoint
     */
    public static Endpoint of(InetSocketAddress address) {
        return tcp(address.getHostString(), address.getPort());
    }

    /**
     * A Unix domain socket endpoint.
     *
     * @param path the socket file; a server creates it and deletes it when stopped
     * @return the endpoint
     */
    public static Endpoint unix(Path path) {
        return new Endpoint(null, -1, Objects.requireNonNull(path, "path"));
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
        return port;
    }

    /**
     * Tells whether this is a Unix domain socket endpoint.
     *
     * @return {@code true} for {@link #unix(Path)} endpoints
     */
    public boolean isUnixDomain() {
        return path != null;
    }

    /**
     * Returns the host, absent for the wildcard address and for Unix domain sockets.
     *
     * @return the host
     */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /**
     * Returns the TCP port.
     *
     * @return the port, or -1 for a Unix domain socket
     */
    public int port() {
        return port;
    }

    /**
     * Returns the socket file of a Unix domain socket endpoint.
     *
     * @return the path, absent for TCP
     */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /**
     * Returns the TCP socket address, resolving the host.
     *
     * @return the address; the wildcard address when no host was given
     * @throws IllegalStateException for a Unix domain socket endpoint
     */
    public InetSocketAddress toInetSocketAddress() {
        if (path != null) {
            throw new IllegalStateException("not a TCP endpoint: " + this);
        }
        return host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint other && port == other.port && Objects.equals(host, other.host)
                && Objects.equals(path, other.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, path);
    }

    @Override
    public String toString() {
        if (path != null) {
            return "unix:" + path;
        }
        return (host == null ? "*" : host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
