/**
 * The echo load tool: Storm echo servers (TCP/TLS with a framing codec, and WebSocket), the same
 * echoes written as the best raw-Netty baselines (one buffer per framed message or the received
 * WebSocket frame written back, one flush per read batch), and a raw-Netty client that keeps a
 * fixed number of messages in flight per connection over TCP, TLS or WebSocket, checks every echo
 * and records round-trip latencies in an HdrHistogram.
 */
package io.stormsocket.benchmarks.echo;
