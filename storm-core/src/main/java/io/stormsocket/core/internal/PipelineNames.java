package io.stormsocket.core.internal;

/**
 * Names of the handlers in a Storm pipeline, in pipeline order (head to tail):
 *
 * <pre>
 *  TRAFFIC           byte counters, sees wire bytes
 *  PROXY_DECODER     PROXY protocol v1/v2 header (server option), removed after the header
 *  PROXY_HEADER      applies the header to the session, then removes itself
 *  TLS               the TLS hook's handler (configured, or added by STARTTLS)
 *  IDLE              reader / writer / all idle timers (when configured)
 *  FRAME_DECODER     the session's FrameCodec: bytes to frames
 *                    (or, with a protocol hook, the protocol's handlers: WebSocket's HTTP codec and
 *                    handshake, replaced after the upgrade by its frame writer and decoder)
 *  SESSION           session dispatch: events, pull and streaming receive, close reasons
 * </pre>
 *
 * <p>There is no encoder stage for codecs: sends are framed on the sending thread into one pooled
 * buffer (see {@link OutboundEncoder}), so the pipeline only carries ready bytes outbound. A
 * protocol hook encodes on the sending thread too, and may leave work that must follow write
 * order (WebSocket compression with context takeover) to a handler of its own.
 */
public final class PipelineNames {
    /** Byte counters. */
    public static final String TRAFFIC = "storm-traffic";
    /** Netty's PROXY protocol decoder. */
    public static final String PROXY_DECODER = "storm-proxy-decoder";
    /** Applies the PROXY header to the session. */
    public static final String PROXY_HEADER = "storm-proxy-header";
    /** The TLS handler. */
    public static final String TLS = "storm-tls";
    /** Idle timers. */
    public static final String IDLE = "storm-idle";
    /** The frame codec's decoder. */
    public static final String FRAME_DECODER = "storm-frame-decoder";
    /** Session dispatch. */
    public static final String SESSION = "storm-session";

    private PipelineNames() {
    }
}
