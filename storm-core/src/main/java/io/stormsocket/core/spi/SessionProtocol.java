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
     * Encodes a broadcast once for every recipient. Takes ownership of a reference-counted
     * message.
     *
     * <p>Return a {@link ByteBuf} when the same bytes suit every recipient: each gets a duplicate.
     * Return a {@link io.netty.buffer.ByteBufHolder} when recipients may need different bytes
     * (one compressed for some, plain for others): the same holder is retained once per recipient
     * and passed down each recipient's pipeline, where one of the protocol's handlers writes the
     * right bytes (duplicates — never moving the holder's own indices) and releases it. Its
     * content's size counts against each recipient's send limits.
     *
     * @param message a {@code String}, {@code byte[]}, {@code ByteBuf} or a message of this protocol
     * @param alloc the allocator to use
     * @return the encoded broadcast
     * @throws IllegalArgumentException if the message type is not supported
     */
    Object encodeBroadcast(Object message, ByteBufAllocator alloc);
}
