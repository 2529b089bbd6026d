/**
 * Machinery of storm-websocket: the upgrade handshakes, the frame decoder and encoder,
 * permessage-deflate, UTF-8 validation and the heartbeat. Not an API: may change in any release.
 */
package io.stormsocket.websocket.internal;
