/**
 * The {@code fault-bench} command: the fault-injection matrix at size. Each row runs one attack
 * against a length-prefix echo server while a healthy client echoes, and prints one
 * {@code RESULT} line with the healthy client's p99 against its unattacked value and against a
 * CPU-only load of the attack's CPU share, the attacker's close reason and the bound the row
 * checks. The attacks' sockets run in a second JVM ({@link io.stormsocket.benchmarks.fault.FaultAttackers});
 * the server, the healthy client and the checks run in the bench's JVM.
 */
package io.stormsocket.benchmarks.fault;
