/**
 * Storm's public core API: TCP servers and clients behind an event-subscription facade.
 *
 * <p>A server is configured with an immutable {@link io.stormsocket.core.ServerConfig}, started with
 * {@link io.stormsocket.core.StormServer#start()}, and observed through multicast events
 * ({@code onConnected}, {@code onDataReceived}, {@code onDisconnected}, {@code onError}). Each
 * connection is a {@link io.stormsocket.core.Session}: an id, addresses, metrics, typed attributes
 * and thread-safe sends returning {@link io.stormsocket.core.StormFuture}s.
 *
 * <p>A {@link io.stormsocket.core.StormClient} reports its {@link io.stormsocket.core.ClientState},
 * can reconnect on its own per a {@link io.stormsocket.core.ReconnectPolicy}, and can hold sends
 * while it is away in an {@link io.stormsocket.core.OfflineBuffer}.
 *
 * <p>Threading: every event of one session runs in order, never concurrently, on that session's
 * event loop (or on a configured handler executor, still in order). Handlers must not block the
 * event loop.
 *
 * <p>Memory: inbound {@link io.stormsocket.core.Payload}s are lent to a callback and released by
 * Storm when it returns; a {@link io.netty.buffer.ByteBuf} passed to {@code send} is owned by Storm
 * from then on.
 */
package io.stormsocket.core;
