/**
 * WebSocket for Storm (<a href="https://www.rfc-editor.org/rfc/rfc6455">RFC 6455</a>, with
 * <a href="https://www.rfc-editor.org/rfc/rfc7692">RFC 7692</a> permessage-deflate): a server and a
 * client whose sessions are ordinary Storm sessions.
 */
package io.stormsocket.websocket;
