package io.stormsocket.benchmarks.shutdown;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * One client connection of {@code shutdown-clients}: upgrades to WebSocket, answers pings, and
 * records the status of the server's Close frame if it arrives before the connection ends. It
 * answers the Close (RFC 6455 section 5.5.1) so the server's closing handshake completes.
 *
 * <p>Threading: its channel's event loop only; results go to the shared {@link Tally}.
 */
final class GoingAwayProbe extends ChannelInboundHandlerAdapter {
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    private static final int GOING_AWAY = 1001;
    private static final byte[] UPGRADE = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final Tally tally;
    private ByteBuf input;
    private boolean upgraded;
    private int closeCode = -1;

    GoingAwayProbe(Tally tally) {
        this.tally = tally;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        input = ctx.alloc().buffer();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(ctx.alloc().buffer(UPGRADE.length).writeBytes(UPGRADE));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        try {
            input.writeBytes(bytes);
        } finally {
            bytes.release();
        }
        if (!upgraded && !readResponse(ctx)) {
            return;
        }
        while (readFrame(ctx)) {
            // one frame per turn
        }
        input.discardSomeReadBytes();
    }

    /** Consumes the HTTP response once complete; {@return whether the connection is upgraded} */
    private boolean readResponse(ChannelHandlerContext ctx) {
        int end = endOfHead();
        if (end < 0) {
            return false;
        }
        String head = input.readCharSequence(end - input.readerIndex(), StandardCharsets.US_ASCII).toString();
        if (!head.startsWith("HTTP/1.1 101")) {
            tally.error();
            tally.upgraded();
            ctx.close();
            return false;
        }
        upgraded = true;
        tally.upgraded();
        return true;
    }

    /** {@return the index just past the blank line ending the response head, or -1} */
    private int endOfHead() {
        for (int i = input.readerIndex(); i + 3 < input.writerIndex(); i++) {
            if (input.getInt(i) == 0x0D0A0D0A) {
                return i + 4;
            }
        }
        return -1;
    }

    /** Reads one unmasked server frame if it is complete; {@return whether one was read} */
    private boolean readFrame(ChannelHandlerContext ctx) {
        if (input.readableBytes() < 2) {
            return false;
        }
        int start = input.readerIndex();
        int opcode = input.getUnsignedByte(start) & 0x0F;
        int length = input.getUnsignedByte(start + 1) & 0x7F;
        int header = 2;
        if (length == 126) {
            if (input.readableBytes() < 4) {
                return false;
            }
            length = input.getUnsignedShort(start + 2);
            header = 4;
        } else if (length == 127) {
            // The server sends no messages here; a 64-bit length is not expected.
            tally.error();
            ctx.close();
            return false;
        }
        if (input.readableBytes() < header + length) {
            return false;
        }
        input.skipBytes(header);
        ByteBuf payload = input.readSlice(length);
        if (opcode == CLOSE && closeCode < 0) {
            closeCode = length >= 2 ? payload.getUnsignedShort(payload.readerIndex()) : 1005;
            ctx.writeAndFlush(maskedFrame(ctx, CLOSE, payload));
        } else if (opcode == PING) {
            ctx.writeAndFlush(maskedFrame(ctx, PONG, payload));
        }
        return true;
    }

    /** A client frame with a zero mask key: valid framing, and the payload needs no masking. */
    private static ByteBuf maskedFrame(ChannelHandlerContext ctx, int opcode, ByteBuf payload) {
        int length = payload.readableBytes();
        return ctx.alloc().buffer(6 + length).writeByte(0x80 | opcode).writeByte(0x80 | length).writeInt(0)
                .writeBytes(payload, payload.readerIndex(), length);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        tally.closed(closeCode == GOING_AWAY);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        tally.error();
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        input.release();
    }
}
