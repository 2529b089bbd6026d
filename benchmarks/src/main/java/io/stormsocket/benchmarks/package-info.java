/**
 * Storm's benchmarks: the entry point of the runnable jar ({@link io.stormsocket.benchmarks.Main})
 * and shared command-line helpers; the echo load tool (tcp, tls, ws, wss) in {@code echo}, the RPC
 * load tool in {@code rpc}, the broadcast load tool in {@code broadcast}, and the JMH benchmarks in
 * {@code jmh}.
 */
package io.stormsocket.benchmarks;
