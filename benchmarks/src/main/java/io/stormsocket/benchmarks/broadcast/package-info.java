/**
 * The broadcast load tool ({@code broadcast-bench}): one publisher broadcasting to a group of
 * subscriber sessions through Storm's group broadcast or, as the baseline, Netty's
 * {@code ChannelGroup}. The subscribers run in a second JVM started by the command (a process
 * may hold only so many open files), check that each receives every message in order, and
 * measure the lag from publish to receipt.
 */
package io.stormsocket.benchmarks.broadcast;
