/** The {@code ws-chat} sample: a WebSocket chat room that also serves its own web page. */
package io.stormsocket.samples.wschat;
