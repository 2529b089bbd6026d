/**
 * The {@code idle-heap} command: heap held per idle connection by a Storm server and by the
 * raw-Netty baseline, TCP and WebSocket, with the clients in a second JVM.
 */
package io.stormsocket.benchmarks.heap;
