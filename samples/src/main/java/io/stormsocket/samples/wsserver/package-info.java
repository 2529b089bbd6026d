/**
 * The {@code ws-server} sample: a WebSocket server speaking a small JSON command protocol (names,
 * rooms as Storm session groups, whispers), with a tick broadcast, heartbeat, connection-logging
 * middleware, rate limiting and an admin console on standard input.
 */
package io.stormsocket.samples.wsserver;
