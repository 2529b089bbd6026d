package io.stormsocket.core;

/**
 * A snapshot of a server's counters since it started. Traffic totals include closed sessions.
 *
 * @param accepted connections admitted
 * @param rejected connections refused by the connection limits or filters
 * @param active connections open now (including ones whose session has not opened yet)
 * @param bytesIn bytes received
 * @param bytesOut bytes handed to sockets
 * @param framesIn frames decoded
 * @param framesOut frames written
 */
public record ServerStats(long accepted, long rejected, int active, long bytesIn, long bytesOut,
                          long framesIn, long framesOut) {
}
