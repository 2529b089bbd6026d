/**
 * The {@code fault-bench} command: the fault-injection matrix at size. Each row runs one attack
 * against a length-prefix echo server while a healthy client echoes, and prints one
 * {@code RESULT} line with the healthy client's p99 against its unattacked value, the attacker's
 * close reason and the bound the row checks.
 */
package io.stormsocket.benchmarks.fault;
