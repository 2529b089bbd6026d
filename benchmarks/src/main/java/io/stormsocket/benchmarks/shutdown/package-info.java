/**
 * The {@code shutdown-bench} command: a graceful {@code stop(grace)} of a Storm WebSocket server
 * holding many live sessions whose clients run in a second JVM, checking that every client reads
 * Close 1001 before its connection ends, how long the stop takes, and that the server's threads
 * are gone afterwards.
 */
package io.stormsocket.benchmarks.shutdown;
