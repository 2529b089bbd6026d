/**
 * Storm RPC: request/response correlation for any frame type, and typed RPC on top of it.
 *
 * <p>The correlation layer ({@link io.stormsocket.rpc.Correlator},
 * {@link io.stormsocket.rpc.Correlation}) works with any {@link io.stormsocket.core.codec.FrameCodec}:
 * the user says where a frame keeps its id, the correlator assigns ids, matches responses,
 * applies timeouts and an in-flight limit, and fails pending requests when a session closes.
 *
 * <p>Typed RPC ({@link io.stormsocket.rpc.RpcServer}, {@link io.stormsocket.rpc.RpcClient}) sends
 * plain Java objects (records) as one-way messages or as {@link io.stormsocket.rpc.Request}s with a
 * typed response, serialized by an {@link io.stormsocket.rpc.RpcSerializer} (JSON by default) inside
 * a compact binary envelope over Storm's length-prefix framing:
 *
 * <pre>
 * length u32 | version u8 (=1) | kind u8 | id u64 | tagLength u16 | tag (UTF-8) | payload
 * kinds: 1 message, 2 request, 3 response, 4 error, 5 cancel, 6 ping, 7 pong
 * </pre>
 *
 * <p>Everything after the length is self-contained so that an envelope can later travel as one
 * WebSocket binary message. A malformed envelope closes the session with
 * {@link io.stormsocket.core.CloseReason#PROTOCOL_ERROR}.
 */
package io.stormsocket.rpc;
