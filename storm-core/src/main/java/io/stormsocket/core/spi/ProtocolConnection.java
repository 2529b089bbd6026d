package io.stormsocket.core.spi;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelPipeline;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Session;

/**
 * One connection's side of a {@link SessionProtocol}: the handlers it adds, how its sends are
 * encoded and how it says goodbye.
 *
 * <p>Inbound, the protocol's handlers pass each decoded message on with
 * {@code fireChannelRead}; the session hands it to the data handlers as a typed frame. A protocol
 * with a handshake fires {@link SessionReadyEvent#INSTANCE} once the handshake is done, and the
 * session opens then; a failed handshake raises a {@link io.stormsocket.core.HandshakeException}.
 *
 * <p>Threading: {@link #initPipeline} and {@link #closeMessage} run on the event loop;
 * {@link #message} and {@link #encode} on any sending thread, concurrently.
 */
public interface ProtocolConnection {

    /**
     * Adds the protocol's handlers with {@code addLast}; core adds session dispatch after them.
     *
     * @param pipeline the connection's pipeline, already holding the TLS and idle stages
     * @param session the connection's session, not open yet
     */
    void initPipeline(ChannelPipeline pipeline, Session session);

    /**
     * Tells whether the session waits for this protocol's handshake before it opens.
     *
     * @return {@code true} to wait for {@link SessionReadyEvent}
     */
    boolean hasHandshake();

    /**
     * Turns what a user sends into this protocol's message, for sending middleware to see.
     * Takes ownership of a reference-counted argument.
     *
     * @param send a {@code String}, {@code byte[]}, {@code ByteBuffer}, {@code ByteBuf} or a
     *     message of this protocol
     * @param alloc the allocator to copy into
     * @return the message
     * @throws IllegalArgumentException if the type is not supported
     */
    Object message(Object send, ByteBufAllocator alloc);

    /**
     * Encodes a send (anything {@link #message} accepts) for the pipeline. Takes ownership of a
     * reference-counted argument.
     *
     * @param send the data or message
     * @param alloc the allocator
     * @return a {@link io.netty.buffer.ByteBuf} of wire bytes, or a
     *     {@link io.netty.buffer.ByteBufHolder} that one of the protocol's handlers finishes on the
     *     event loop (its content's size counts as the send's size)
     * @throws Exception if the send cannot be encoded; the send fails with it
     */
    Object encode(Object send, ByteBufAllocator alloc) throws Exception;

    /**
     * Returns what a graceful close writes before closing the connection; the connection closes
     * when that write completes, so a protocol with a closing handshake completes it only when
     * the handshake is over (or has timed out).
     *
     * @param reason why the session closes
     * @return the message to write, or {@code null} for none
     */
    Object closeMessage(CloseReason reason);
}
