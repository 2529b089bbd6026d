package io.stormsocket.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionKey;
import io.stormsocket.websocket.HandshakeDecision;
import io.stormsocket.websocket.HandshakeHandler;
import io.stormsocket.websocket.HandshakeRequest;
import io.stormsocket.websocket.HttpAnswer;
import io.stormsocket.websocket.WebSocketHandshakeException;
import io.stormsocket.websocket.WebSocketServerOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the opening handshake
 * (<a href="https://www.rfc-editor.org/rfc/rfc6455#section-4.2">RFC 6455 section 4.2</a>):
 * validates the upgrade request, applies the path and origin policies, asks the application's
 * {@link HandshakeHandler}, negotiates the subprotocol and permessage-deflate, and answers
 * {@code 101} or an HTTP error. Plain requests get the application's {@link HttpAnswer} or
 * {@code 426}. The handshake timeout runs from the moment the connection opened, so a peer that
 * trickles its request is closed on time.
 *
 * <p>Threading: event loop only; an asynchronous decision hops back to it.
 */
final class ServerHandshakeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ServerHandshakeHandler.class);

    private final WebSocketConnection connection;
    private final WebSocketServerOptions options;
    private final WebSocketProtocol protocol;
    private ScheduledFuture<?> timeout;
    /** An answer was chosen (or the time ran out); nothing more is read. */
    private boolean done;
    private boolean deciding;

    ServerHandshakeHandler(WebSocketConnection connection, WebSocketServerOptions options, WebSocketProtocol protocol) {
        this.connection = connection;
        this.options = options;
        this.protocol = protocol;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long nanos = options.handshakeTimeout().toNanos();
        timeout = ctx.executor().schedule(() -> timedOut(ctx), nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private void timedOut(ChannelHandlerContext ctx) {
        if (done || !ctx.channel().isOpen()) {
            return;
        }
        done = true;
        ctx.fireExceptionCaught(new WebSocketHandshakeException(0, "no WebSocket upgrade completed within "
                + options.handshakeTimeout().toMillis() + " ms of connecting"));
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!done && !deciding && msg instanceof HttpRequest request) {
                handle(ctx, request);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handle(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            int status = cause instanceof TooLongHttpHeaderException ? 431 : cause instanceof TooLongHttpLineException ? 414 : 400;
            malformed(ctx, status, "malformed HTTP request: " + cause.getMessage(), null);
            return;
        }
        HttpHeaders headers = request.headers();
        if (!headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            plainHttp(ctx, request);
            return;
        }
        String problem = upgradeProblem(request);
        if (problem != null) {
            malformed(ctx, request.method() != HttpMethod.GET ? 405 : 400, problem, null);
            return;
        }
        if (!"13".equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "").trim())) {
            malformed(ctx, 426, "unsupported WebSocket version '" + headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION)
                    + "'; this server speaks version 13", HttpHeaderNames.SEC_WEBSOCKET_VERSION.toString());
            return;
        }
        HandshakeRequest view = view(ctx, request, subprotocolsOf(headers));
        if (!options.paths().isEmpty() && !options.paths().contains(view.path())) {
            reject(ctx, 404, "no WebSocket endpoint at " + view.path());
            return;
        }
        Optional<Set<String>> origins = options.allowedOrigins();
        if (origins.isPresent() && view.origin().isPresent() && !origins.get().contains(view.origin().get())) {
            reject(ctx, 403, "origin not allowed: " + view.origin().get());
            return;
        }
        String key = headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        List<String> extensions = headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
        HandshakeHandler handler = protocol.handshakeHandler();
        if (handler == null) {
            accept(ctx, view, key, extensions, HandshakeDecision.accept());
            return;
        }
        CompletionStage<HandshakeDecision> stage;
        try {
            stage = handler.onConnecting(view);
        } catch (Exception e) {
            handlerFailed(ctx, "upgrade handler failed for " + view, e);
            return;
        }
        if (stage == null) {
            handlerFailed(ctx, "upgrade handler returned no decision stage for " + view, null);
            return;
        }
        deciding = true;
        ctx.channel().config().setAutoRead(false);
        stage.whenComplete((decision, error) -> {
            try {
                ctx.executor().execute(() -> decided(ctx, view, key, extensions, decision, error));
            } catch (RejectedExecutionException stopped) {
                LOG.debug("Event loop stopped before the upgrade decision for {}", view);
            }
        });
    }

    private static String upgradeProblem(HttpRequest request) {
        HttpHeaders headers = request.headers();
        if (request.method() != HttpMethod.GET) {
            return "a WebSocket upgrade must be a GET, not " + request.method();
        }
        if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            return "a WebSocket upgrade needs HTTP/1.1, not " + request.protocolVersion();
        }
        if (!headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            return "the Connection header lacks the 'Upgrade' token";
        }
        if (!headers.contains(HttpHeaderNames.HOST)) {
            return "no Host header";
        }
        if (!HandshakeKeys.isValidKey(headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY))) {
            return "missing or invalid Sec-WebSocket-Key";
        }
        return null;
    }

    private void decided(ChannelHandlerContext ctx, HandshakeRequest view, String key, List<String> extensions,
                         HandshakeDecision decision, Throwable error) {
        deciding = false;
        if (done || !ctx.channel().isActive()) {
            return;
        }
        ctx.channel().config().setAutoRead(true);
        if (error != null || decision == null) {
            handlerFailed(ctx, "upgrade handler " + (error != null ? "failed" : "decided null") + " for " + view, error);
        } else if (decision.isAccepted()) {
            accept(ctx, view, key, extensions, decision);
        } else {
            reject(ctx, decision.status(), decision.reason());
        }
    }

    private void accept(ChannelHandlerContext ctx, HandshakeRequest view, String key, List<String> extensions,
                        HandshakeDecision decision) {
        String subprotocol = decision.subprotocol().orElse(null);
        if (subprotocol != null && !view.subprotocols().contains(subprotocol)) {
            handlerFailed(ctx, "upgrade handler chose subprotocol '" + subprotocol + "', which " + view
                    + " did not offer", null);
            return;
        }
        if (subprotocol == null) {
            subprotocol = options.subprotocols().stream().filter(view.subprotocols()::contains).findFirst().orElse(null);
        }
        Optional<DeflateNegotiation.Agreement> deflate = Optional.empty();
        if (options.compression().enabled() && !extensions.isEmpty()) {
            try {
                deflate = DeflateNegotiation.server(ExtensionHeaders.parse(extensions), options.compression());
            } catch (IllegalArgumentException unparsable) {
                LOG.debug("Ignoring unparsable Sec-WebSocket-Extensions from {}: {}", view, unparsable.getMessage());
            }
        }
        done = true;
        cancelTimeout();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        headers.set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT, HandshakeKeys.accept(key));
        if (subprotocol != null) {
            headers.set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, subprotocol);
        }
        deflate.ifPresent(agreed -> headers.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, agreed.responseHeader()));
        decision.headers().forEach(headers::add);
        Session session = connection.session();
        for (Map.Entry<SessionKey<?>, Object> attribute : decision.attributes()) {
            setAttribute(session, attribute.getKey(), attribute.getValue());
        }
        connection.upgraded(view.path(), subprotocol, deflate.map(DeflateNegotiation.Agreement::parameters).orElse(null));
        ctx.writeAndFlush(response);
        WebSocketProtocol.switchToFrames(ctx, connection);
    }

    @SuppressWarnings("unchecked")
    private static <T> void setAttribute(Session session, SessionKey<T> key, Object value) {
        session.attribute(key, (T) value);
    }

    private void plainHttp(ChannelHandlerContext ctx, HttpRequest request) {
        done = true;
        cancelTimeout();
        HttpAnswer answer = null;
        if (options.httpHandler().isPresent()) {
            try {
                answer = options.httpHandler().get().answer(view(ctx, request, List.of())).orElse(null);
            } catch (Exception e) {
                handlerFailed(ctx, "HTTP handler failed for " + request.method() + " " + request.uri(), e);
                return;
            }
        }
        if (answer == null) {
            FullHttpResponse response = response(426, "text/plain; charset=utf-8",
                    "This is a WebSocket endpoint: upgrade required\n".getBytes(StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.writeAndFlush(response(answer.status(), answer.contentType(), answer.body()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** A policy refusal (path, origin, the application's decision): answered, closed, not an error. */
    private void reject(ChannelHandlerContext ctx, int status, String reason) {
        done = true;
        cancelTimeout();
        LOG.debug("Refusing WebSocket upgrade from {}: {} {}", ctx.channel().remoteAddress(), status, reason);
        ctx.writeAndFlush(response(status, "text/plain; charset=utf-8", (reason + "\n").getBytes(StandardCharsets.UTF_8)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * An application handler threw, failed or decided something impossible: the peer gets a bare
     * 500 and {@code onError} gets the failure (a handler's exception is reported, never only logged).
     */
    private void handlerFailed(ChannelHandlerContext ctx, String why, Throwable cause) {
        respondAndReport(ctx, 500, "internal error", null, new WebSocketHandshakeException(500, why, cause));
    }

    /** A request that breaks the protocol: answered, reported as a handshake failure, closed. */
    private void malformed(ChannelHandlerContext ctx, int status, String reason, String versionHeader) {
        respondAndReport(ctx, status, reason, versionHeader, new WebSocketHandshakeException(status, reason));
    }

    private void respondAndReport(ChannelHandlerContext ctx, int status, String reason, String versionHeader,
                                  WebSocketHandshakeException failure) {
        done = true;
        cancelTimeout();
        FullHttpResponse response = response(status, "text/plain; charset=utf-8",
                (reason + "\n").getBytes(StandardCharsets.UTF_8));
        if (versionHeader != null) {
            response.headers().set(versionHeader, "13");
        }
        if (status == 405) {
            response.headers().set(HttpHeaderNames.ALLOW, "GET");
        }
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
            ctx.fireExceptionCaught(failure);
            written.channel().close();
        });
    }

    private static FullHttpResponse response(int status, String contentType, byte[] body) {
        ByteBuf content = Unpooled.wrappedBuffer(body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    private HandshakeRequest view(ChannelHandlerContext ctx, HttpRequest request, List<String> subprotocols) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        Map<String, List<String>> headers = new HashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header.getValue());
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        Map<String, String> cookies = new HashMap<>();
        for (String line : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie cookie : ServerCookieDecoder.STRICT.decode(line)) {
                cookies.putIfAbsent(cookie.name(), cookie.value());
            }
        }
        Map<String, List<String>> parameters = new HashMap<>();
        query.parameters().forEach((name, values) -> parameters.put(name, List.copyOf(values)));
        return new HandshakeRequest(request.method().name(), request.uri(), query.path(), parameters, headers, cookies,
                subprotocols, connection.session().remoteAddress());
    }

    private static List<String> subprotocolsOf(HttpHeaders headers) {
        List<String> offered = new ArrayList<>();
        for (String line : headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String token : line.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    offered.add(name);
                }
            }
        }
        return offered;
    }
}
