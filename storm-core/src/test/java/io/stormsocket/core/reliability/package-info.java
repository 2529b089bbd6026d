/**
 * Fault-injection tests: a Storm TCP server under hostile peers (slow readers, half frames,
 * resets, floods, connection floods, silent sockets) while a healthy client keeps echoing.
 */
package io.stormsocket.core.reliability;
