package io.stormsocket.core;

import io.netty.buffer.ByteBuf;

/**
 * Sends one message to many sessions: all of a server's sessions ({@link StormServer#sessions()})
 * or the members of a group ({@link SessionGroups#group(String)}).
 *
 * <p>The message is framed once; each session writes a retained duplicate of the same bytes, so a
 * broadcast to 10,000 sessions costs one encoding. Writes are spread over the sessions' event loops
 * (one task per loop) and each session applies its own {@link SlowConsumerPolicy}, so one slow
 * session never delays the others. The future completes, without waiting for the socket writes,
 * once every addressed session has accepted, dropped or refused the message.
 *
 * <p>Threading: callable from any thread.
 */
public interface Broadcaster {
    /**
     * Broadcasts text, encoded as UTF-8, as one frame.
     *
     * @param text the message
     * @return the per-session outcome
     */
    StormFuture<BroadcastResult> broadcast(String text);

    /**
     * Broadcasts text to everyone but one session, for example the sender of a chat message.
     *
     * @param text the message
     * @param excludedSessionId the session to skip
     * @return the per-session outcome
     */
    StormFuture<BroadcastResult> broadcast(String text, long excludedSessionId);

    /**
     * Broadcasts bytes as one frame.
     *
     * @param data the message; may be reused once this returns
     * @return the per-session outcome
     */
    StormFuture<BroadcastResult> broadcast(byte[] data);

    /**
     * Broadcasts bytes to everyone but one session.
     *
     * @param data the message; may be reused once this returns
     * @param excludedSessionId the session to skip
     * @return the per-session outcome
     */
    StormFuture<BroadcastResult> broadcast(byte[] data, long excludedSessionId);

    /**
     * Broadcasts a Netty buffer as one frame; Storm owns the buffer from now on.
     *
     * @param data the message
     * @return the per-session outcome
     */
    StormFuture<BroadcastResult> broadcast(ByteBuf data);

    /**
     * Broadcasts a Netty buffer to everyone but one session; Storm owns the buffer from now on.
     *
     * @param data the message
     * @param excludedSessionId the session to skip
     * @return the per-session outcome
     */
    StormFuture<BroadcastResult> broadcast(ByteBuf data, long excludedSessionId);

    /**
     * Broadcasts a typed frame through the codec, encoded once.
     *
     * @param frame a frame of the codec's type
     * @return the per-session outcome
     */
    StormFuture<BroadcastResult> broadcastFrame(Object frame);

    /**
     * Broadcasts a typed frame to everyone but one session.
     *
     * @param frame a frame of the codec's type
     * @param excludedSessionId the session to skip
     * @return the per-session outcome
     */
    StormFuture<BroadcastResult> broadcastFrame(Object frame, long excludedSessionId);
}
