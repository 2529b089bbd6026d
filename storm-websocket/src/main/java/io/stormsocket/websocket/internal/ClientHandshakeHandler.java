package io.stormsocket.websocket.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.stormsocket.websocket.WebSocketClientOptions;
import io.stormsocket.websocket.WebSocketHandshakeException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The client's side of the opening handshake
 * (<a href="https://www.rfc-editor.org/rfc/rfc6455#section-4.1">RFC 6455 section 4.1</a>): sends
 * the upgrade request once the connection is up (TLS queues it until its own handshake is done),
 * then checks every part of the server's answer — status, {@code Upgrade}, {@code Connection},
 * {@code Sec-WebSocket-Accept}, the subprotocol and the extensions — before the session opens.
 *
 * <p>Threading: event loop only.
 */
final class ClientHandshakeHandler extends ChannelInboundHandlerAdapter {
    private final WebSocketConnection connection;
    private final WebSocketClientOptions options;
    private final URI uri;
    private final String key = HandshakeKeys.newKey();
    private ScheduledFuture<?> timeout;
    private boolean done;

    ClientHandshakeHandler(WebSocketConnection connection, WebSocketClientOptions options, URI uri) {
        this.connection = connection;
        this.options = options;
        this.uri = uri;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long nanos = options.handshakeTimeout().toNanos();
        timeout = ctx.executor().schedule(() -> fail(ctx, 0, "no WebSocket handshake response within "
                + options.handshakeTimeout().toMillis() + " ms"), nanos, TimeUnit.NANOSECONDS);
        ctx.writeAndFlush(request());
        ctx.fireChannelActive();
    }

    private FullHttpRequest request() {
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
        HttpHeaders headers = request.headers();
        headers.set(HttpHeaderNames.HOST, hostHeader());
        headers.set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        headers.set(HttpHeaderNames.SEC_WEBSOCKET_KEY, key);
        headers.set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
        options.origin().ifPresent(origin -> headers.set(HttpHeaderNames.ORIGIN, origin));
        if (!options.subprotocols().isEmpty()) {
            headers.set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, String.join(", ", options.subprotocols()));
        }
        if (options.compression().enabled()) {
            headers.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, DeflateNegotiation.clientOffer(options.compression()));
        }
        options.headers().forEach(headers::set);
        return request;
    }

    private String hostHeader() {
        int port = uri.getPort();
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        boolean defaultPort = port == -1 || (secure ? port == 443 : port == 80);
        String host = uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost();
        return defaultPort ? host : host + ":" + port;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!done && msg instanceof HttpResponse response) {
                handle(ctx, response);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handle(ChannelHandlerContext ctx, HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            fail(ctx, 0, "malformed handshake response: " + response.decoderResult().cause().getMessage());
            return;
        }
        int status = response.status().code();
        if (status != 101) {
            fail(ctx, status, "the server refused the upgrade: " + response.status());
            return;
        }
        HttpHeaders headers = response.headers();
        if (!headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                || !headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            fail(ctx, status, "the 101 response lacks Upgrade: websocket or Connection: Upgrade");
            return;
        }
        if (!HandshakeKeys.accept(key).equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT))) {
            fail(ctx, status, "wrong Sec-WebSocket-Accept in the 101 response");
            return;
        }
        String subprotocol = headers.get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (subprotocol != null && !options.subprotocols().contains(subprotocol.trim())) {
            fail(ctx, status, "the server chose subprotocol '" + subprotocol + "', which was not offered");
            return;
        }
        List<String> extensions = headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
        Optional<DeflateParameters> deflate = Optional.empty();
        if (!extensions.isEmpty()) {
            if (!options.compression().enabled()) {
                fail(ctx, status, "the server answered with extensions that were not offered: " + extensions);
                return;
            }
            try {
                deflate = DeflateNegotiation.client(ExtensionHeaders.parse(extensions), options.compression());
            } catch (IllegalArgumentException e) {
                fail(ctx, status, "unacceptable Sec-WebSocket-Extensions: " + e.getMessage());
                return;
            }
        }
        done = true;
        cancelTimeout();
        connection.upgraded(uri.getPath(), subprotocol == null ? null : subprotocol.trim(), deflate.orElse(null));
        WebSocketProtocol.switchToFrames(ctx, connection);
    }

    private void fail(ChannelHandlerContext ctx, int status, String why) {
        if (done) {
            return;
        }
        done = true;
        cancelTimeout();
        ctx.fireExceptionCaught(new WebSocketHandshakeException(status, why));
        ctx.close();
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
    }
}
