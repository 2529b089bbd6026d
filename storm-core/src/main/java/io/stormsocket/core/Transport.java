package io.stormsocket.core;

/**
 * The I/O transport under Storm's event loops. {@link #AUTO} (the default) picks the first that
 * works on this machine, in the order io_uring, epoll, kqueue, NIO, and logs the choice once.
 */
public enum Transport {
    /** The best available transport: io_uring, then epoll, then kqueue, then NIO. */
    AUTO,
    /** Linux io_uring (kernel 5.14+ and not blocked by a seccomp policy). */
    IO_URING,
    /** Linux epoll. */
    EPOLL,
    /** BSD and macOS kqueue. */
    KQUEUE,
    /** Java NIO: works everywhere. */
    NIO
}
