/**
 * Machinery of storm-websocket: the upgrade handshakes, the frame decoder and encoder,
 * permessage-deflate, UTF-8 validation and the heartbeat. Not an API: may change in any release.
 *
 * <p>Protocol references: <a href="https://www.rfc-editor.org/rfc/rfc6455#section-9.1">RFC 6455
 * §9.1</a> (extension header grammar), <a href="https://www.rfc-editor.org/rfc/rfc7692#section-7">RFC
 * 7692 §7</a> (permessage-deflate negotiation and compression), and
 * <a href="https://www.rfc-editor.org/rfc/rfc3629#section-4">RFC 3629 §4</a> (well-formed UTF-8, which
 * text messages must be, RFC 6455 §8.1).
 */
package io.stormsocket.websocket.internal;
