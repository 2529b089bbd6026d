package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A data message on its way to {@link FrameWriter}, which compresses it on the event loop: the
 * deflate context of a connection must see messages in the order they are written.
 */
final class PendingDeflate extends DefaultByteBufHolder {
    final int opcode;

    PendingDeflate(int opcode, ByteBuf payload) {
        super(payload);
        this.opcode = opcode;
    }
}
