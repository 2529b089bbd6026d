/**
 * The RPC load tool ({@code rpc-bench}): Storm RPC clients that keep a fixed number of typed
 * requests in flight against a Storm {@code RpcServer} over TCP or over WebSocket, check that every
 * response answers its own request, and record round-trip latencies in an HdrHistogram.
 */
package io.stormsocket.benchmarks.rpc;
