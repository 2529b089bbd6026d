/**
 * Frame codecs: how a session cuts its byte stream into frames and writes frames back.
 *
 * <p>Built in: {@link io.stormsocket.core.codec.RawCodec} (each read as it arrives),
 * {@link io.stormsocket.core.codec.LengthPrefixCodec} (1, 2, 4 or 8-byte big-endian length before
 * each frame) and {@link io.stormsocket.core.codec.DelimiterCodec} (frames ended by delimiter bytes).
 * {@link io.stormsocket.core.codec.FrameCodecs} has shortcuts for the common cases. Users with
 * typed frames implement {@link io.stormsocket.core.codec.FrameCodec}.
 *
 * <p>Every codec checks a peer's claimed length against its limit before allocating or waiting
 * for that many bytes; a violation raises {@link io.stormsocket.core.FrameTooLongException} and the
 * session closes with {@link io.stormsocket.core.CloseReason#PROTOCOL_ERROR}.
 */
package io.stormsocket.core.codec;
