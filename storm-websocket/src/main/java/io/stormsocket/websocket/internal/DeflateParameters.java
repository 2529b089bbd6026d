package io.stormsocket.websocket.internal;

import io.stormsocket.websocket.DeflateOptions;

/**
 * The permessage-deflate configuration both endpoints agreed on in the handshake
 * (<a href="https://www.rfc-editor.org/rfc/rfc7692#section-7.1">RFC 7692 §7.1</a>). Window sizes
 * are base-2 logarithms, 8..15, and 15 when the side is not limited.
 *
 * @param serverNoContextTakeover the server resets its compressor after every message
 * @param clientNoContextTakeover the client resets its compressor after every message
 * @param serverMaxWindowBits the largest window the server compresses with
 * @param clientMaxWindowBits the largest window the client compresses with
 */
record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                         int serverMaxWindowBits, int clientMaxWindowBits) {

    DeflateParameters {
        checkBits("serverMaxWindowBits", serverMaxWindowBits);
        checkBits("clientMaxWindowBits", clientMaxWindowBits);
    }

    private static void checkBits(String name, int bits) {
        if (bits < DeflateOptions.MIN_WINDOW_BITS || bits > DeflateOptions.MAX_WINDOW_BITS) {
            throw new IllegalArgumentException(name + " must be between 8 and 15: " + bits);
        }
    }
}
