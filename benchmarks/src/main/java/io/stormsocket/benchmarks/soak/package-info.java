/**
 * The {@code soak-bench} command: a Storm server (TCP or WebSocket) in this JVM holds many steady
 * sessions opened by clients in a second JVM, every one exchanging numbered messages for a fixed
 * time (WebSocket with heartbeats), while other connections, with TLS and without, open and close
 * continuously; then everything closes and the command checks that nothing was lost and nothing is
 * left: sessions and group members back to zero, file descriptors and live heap back near their
 * starting level, no buffer leak reported by Netty's detector at {@code PARANOID} in either JVM.
 */
package io.stormsocket.benchmarks.soak;
