package io.stormsocket.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.stormsocket.core.codec.FrameCodec;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.StormExtension;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TypedCodecTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    /** A tiny binary protocol: 1-byte kind, 2-byte length, UTF-8 body. */
    record Message(byte kind, String body) {
    }

    static final class MessageCodec implements FrameCodec<Message> {
        @Override
        public Class<Message> frameType() {
            return Message.class;
        }

        @Override
        public void decode(ByteBuf in, Consumer<? super Message> out) {
            while (in.readableBytes() >= 3) {
                int length = in.getUnsignedShort(in.readerIndex() + 1);
                if (in.readableBytes() < 3 + length) {
                    return;
                }
                byte kind = in.readByte();
                in.skipBytes(2);
                out.accept(new Message(kind, in.readCharSequence(length, StandardCharsets.UTF_8).toString()));
            }
        }

        @Override
        public ByteBuf encode(Message frame, ByteBufAllocator alloc) {
            byte[] body = frame.body().getBytes(StandardCharsets.UTF_8);
            return alloc.buffer(3 + body.length).writeByte(frame.kind()).writeShort(body.length).writeBytes(body);
        }
    }

    @Test
    void typedFramesFlowBothWaysThroughOneCodec() throws Exception {
        StormServer server = storm.server(ServerConfig.builder().codec(new MessageCodec()));
        server.onFrameReceived(Message.class, (session, message) ->
                session.sendFrame(new Message((byte) (message.kind() + 1), message.body().toUpperCase())));
        storm.start(server);

        StormClient client = storm.client(ClientConfig.builder().codec(new MessageCodec()), server);
        LinkedBlockingQueue<Message> replies = new LinkedBlockingQueue<>();
        client.onFrameReceived(Message.class, (session, message) -> replies.add(message));
        Await.result(client.connect());
        for (int i = 0; i < 50; i++) {
            client.sendFrame(new Message((byte) 1, "hello " + i));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo(new Message((byte) 2, "HELLO " + i));
        }
    }

    @Test
    void sendingAFrameOfTheWrongTypeFailsTheSend() {
        StormServer server = storm.start(storm.server(ServerConfig.builder().codec(new MessageCodec())));
        StormClient client = storm.client(ClientConfig.builder().codec(new MessageCodec()), server);
        Await.result(client.connect());
        assertThat(Await.failure(client.sendFrame(42))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Integer");
    }
}
