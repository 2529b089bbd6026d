package io.stormsocket.core.spi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;

/**
 * The protocol hook: a wire protocol that takes the place of the frame-codec stage, with its own
 * handshake, framing and closing handshake. storm-websocket implements it; core keeps everything
 * else (TLS, idle detection, session dispatch, the registry, groups, backpressure) unchanged.
 *
 * <p>Set on a configuration with {@code protocol(...)}; the configured frame codec is then unused.
 *
 * <p>Threading: {@link #newConnection} runs on the new connection's event loop;
 * {@link #encodeBroadcast} on any thread. Implementations must be thread-safe.
 */
public interface SessionProtocol {

    /**
     * Creates the protocol's state for one new connection.
     *
     * @param channel the connection
     * @return the connection's protocol state
     */
    ProtocolConnection newConnection(Channel channel);

    /**
     * Encodes a broadcast once for every session of this server or client: the same bytes are
     * written to each recipient. Takes ownership of a reference-counted message.
     *
     * @param message a {@code String}, {@code byte[]}, {@code ByteBuffer}, {@code ByteBuf} or a
     *     message of this protocol
     * @param alloc the allocator to use
     * @return the bytes to write to every recipient
     * @throws IllegalArgumentException if the message type is not supported
     */
    ByteBuf encodeBroadcast(Object message, ByteBufAllocator alloc);
}
