/**
 * The echo load tool: a Storm echo server, the same echo written as the best raw-Netty baseline
 * (one buffer per framed message, one flush per read batch), and a raw-Netty client that keeps a
 * fixed number of messages in flight per connection, checks every echo and records round-trip
 * latencies in an HdrHistogram.
 */
package io.stormsocket.benchmarks.echo;
