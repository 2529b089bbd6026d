package io.stormsocket.rpc.internal;

import io.stormsocket.core.SendResult;
import io.stormsocket.core.ConnectionConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.SessionEvents;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.Subscription;
import io.stormsocket.rpc.AsyncRequestHandler;
import io.stormsocket.rpc.Correlator;
import io.stormsocket.rpc.MessageHandler;
import io.stormsocket.rpc.NoHandlerException;
import io.stormsocket.rpc.RemoteException;
import io.stormsocket.rpc.Request;
import io.stormsocket.rpc.RequestHandler;
import io.stormsocket.rpc.RpcEndpoint;
import io.stormsocket.rpc.RpcException;
import io.stormsocket.rpc.RpcOptions;
import io.stormsocket.rpc.UnhandledHandler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed RPC machinery shared by {@link DefaultRpcServer} and {@link DefaultRpcClient}: it
 * subscribes to a server's or client's envelopes, gives responses to the {@link Correlator} and
 * dispatches messages, requests, cancels and heartbeats.
 *
 * <p>Threading: inbound envelopes are handled on their session's event loop; the registries are
 * concurrent maps; per-session state is in {@link RpcSessionState}.
 */
abstract class RpcEngine implements RpcEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RpcEngine.class);
    private static final int MAX_ERROR_CHARS = 16 * 1024;

    private final RpcOptions options;
    private final Correlator<Envelope> correlator;
    private final TypeRegistry types = new TypeRegistry();
    private final Map<String, Object> handlers = new ConcurrentHashMap<>();
    private final List<UnhandledHandler> unhandled = new CopyOnWriteArrayList<>();
    private final Map<Session, RpcSessionState> sessions = new ConcurrentHashMap<>();

    RpcEngine(SessionEvents events, ConnectionConfig config, RpcOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        // A protocol that frames messages itself (WebSocket) carries envelopes through its own
        // message codec, RpcOptions.messageCodec(); a byte stream needs the prefixed codec.
        if (config.protocol().isEmpty() && !(config.codec() instanceof EnvelopeCodec)) {
            throw new IllegalArgumentException("configure the Storm server or client with RpcOptions.codec(), not "
                    + config.codec());
        }
        this.correlator = Correlator.builder(Envelope.class, new EnvelopeCorrelation())
                .defaultTimeout(options.defaultTimeout()).maxInFlight(options.maxInFlight()).build();
        events.onConnected(this::state);
        events.onFrameReceived(Envelope.class, this::onEnvelope);
    }

    @Override
    public RpcOptions options() {
        return options;
    }

    // ---- registration

    @Override
    public <M> Subscription onMessage(Class<M> type, MessageHandler<? super M> handler) {
        Objects.requireNonNull(handler, "handler");
        return register(type, new MessageEntry<>(type, handler));
    }

    @Override
    public <Q extends Request<R>, R> Subscription onRequest(Class<Q> type, RequestHandler<Q, R> handler) {
        Objects.requireNonNull(handler, "handler");
        return register(type, new RequestEntry<Q, R>(type, (session, request) ->
                CompletableFuture.completedFuture(handler.handle(session, request)), true));
    }

    @Override
    public <Q extends Request<R>, R> Subscription onRequestAsync(Class<Q> type, AsyncRequestHandler<Q, R> handler) {
        Objects.requireNonNull(handler, "handler");
        return register(type, new RequestEntry<Q, R>(type, handler::handle, false));
    }

    @Override
    public Subscription onUnhandled(UnhandledHandler handler) {
        Objects.requireNonNull(handler, "handler");
        unhandled.add(handler);
        return () -> unhandled.remove(handler);
    }

    private Subscription register(Class<?> type, Object entry) {
        Objects.requireNonNull(type, "type");
        String tag = types.register(type);
        if (entry instanceof RequestEntry<?, ?>) {
            types.register(TypeRegistry.responseType(type));
        }
        if (handlers.putIfAbsent(tag, entry) != null) {
            throw new IllegalStateException(type.getName() + " already has a handler");
        }
        return () -> handlers.remove(tag, entry);
    }

    // ---- outbound

    @Override
    public StormFuture<SendResult> send(Session session, Object message) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(message, "message");
        String tag = types.register(message.getClass());
        byte[] payload;
        try {
            payload = options.serializer().serialize(message);
        } catch (Exception e) {
            return StormFuture.failed(new RpcException("cannot serialize " + message.getClass().getName(), e));
        }
        return session.sendFrame(new Envelope(Envelope.Kind.MESSAGE, 0, tag, payload));
    }

    @Override
    public <R> StormFuture<R> request(Session session, Request<R> request) {
        return request(session, request, options.defaultTimeout());
    }

    @Override
    public <R> StormFuture<R> request(Session session, Request<R> request, Duration timeout) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        @SuppressWarnings("unchecked")
        Class<R> responseType = (Class<R>) TypeRegistry.responseType(request.getClass());
        String tag = types.register(request.getClass());
        String responseTag = types.register(responseType);
        byte[] payload;
        try {
            payload = options.serializer().serialize(request);
        } catch (Exception e) {
            return StormFuture.failed(new RpcException("cannot serialize " + request.getClass().getName(), e));
        }
        StormFuture<Envelope> call = correlator.request(session, new Envelope(Envelope.Kind.REQUEST, 0, tag, payload),
                timeout);
        StormFuture.Promise<R> promise = StormFuture.promise();
        promise.onCancel(() -> call.cancel(true));
        call.whenComplete((envelope, failure) -> {
            if (failure != null) {
                promise.fail(failure);
            } else if (envelope.kind() == Envelope.Kind.ERROR) {
                promise.fail(new RemoteException(envelope.tag(), new String(envelope.payload(), StandardCharsets.UTF_8)));
            } else if (!envelope.tag().equals(responseTag)) {
                promise.fail(new RpcException("response of type " + envelope.tag() + " to a " + tag + ", expected "
                        + responseTag));
            } else {
                try {
                    promise.succeed(options.serializer().deserialize(envelope.payload(), responseType));
                } catch (Exception e) {
                    promise.fail(new RpcException("cannot read the " + responseTag + " response", e));
                }
            }
        });
        return promise.future();
    }

    // ---- inbound

    private RpcSessionState state(Session session) {
        RpcSessionState state = sessions.get(session);
        if (state != null) {
            return state;
        }
        RpcSessionState created = new RpcSessionState(session, options);
        RpcSessionState raced = sessions.putIfAbsent(session, created);
        if (raced != null) {
            return raced;
        }
        created.startHeartbeat();
        session.closeFuture().whenComplete((reason, failure) -> {
            sessions.remove(session, created);
            created.closed();
        });
        return created;
    }

    private void onEnvelope(Session session, Envelope envelope) throws Exception {
        RpcSessionState state = state(session);
        state.received();
        if (correlator.offer(session, envelope)) {
            return;
        }
        switch (envelope.kind()) {
            case MESSAGE -> onMessage(session, envelope);
            case REQUEST -> onRequest(session, state, envelope);
            case CANCEL -> state.cancelInbound(envelope.id());
            case PING -> session.sendFrame(Envelope.control(Envelope.Kind.PONG, 0));
            case PONG -> {
                // received() above is all a pong is for
            }
            case RESPONSE, ERROR -> LOG.debug("session {}: the peer refused a message: {} {}", session.id(),
                    envelope.tag(), new String(envelope.payload(), StandardCharsets.UTF_8));
            default -> throw new IllegalStateException("unreachable: " + envelope.kind());
        }
    }

    private void onMessage(Session session, Envelope envelope) throws Exception {
        if (!(handlers.get(envelope.tag()) instanceof MessageEntry<?> entry)) {
            refuse(session, envelope);
            return;
        }
        Object message;
        try {
            message = options.serializer().deserialize(envelope.payload(), entry.type);
        } catch (Exception e) {
            // The peer's bytes, not the application, are at fault: report that as such, typed,
            // like an unreadable response; the session stays open, as for an unreadable request.
            throw new RpcException("cannot read the " + envelope.tag() + " message the peer sent", e);
        }
        entry.deliver(session, message);
    }

    private void onRequest(Session session, RpcSessionState state, Envelope envelope) {
        if (!(handlers.get(envelope.tag()) instanceof RequestEntry<?, ?> entry)) {
            refuse(session, envelope);
            return;
        }
        long id = envelope.id();
        CompletionStage<?> stage;
        try {
            stage = entry.invoke(session, options.serializer().deserialize(envelope.payload(), entry.type));
            Objects.requireNonNull(stage, "the async handler of " + entry.type.getName() + " returned null");
        } catch (Throwable e) {
            sendError(session, id, e);
            return;
        }
        if (entry.sync) {
            reply(session, id, entry, stage.toCompletableFuture().join(), null);
            return;
        }
        state.startInbound(id, stage);
        stage.whenComplete((value, failure) -> {
            if (state.finishInbound(id, stage)) {
                reply(session, id, entry, value, failure);
            }
        });
    }

    private void reply(Session session, long id, RequestEntry<?, ?> entry, Object value, Throwable failure) {
        if (failure != null) {
            sendError(session, id, failure);
            return;
        }
        if (value == null) {
            sendError(session, id, new NullPointerException("the handler of " + entry.type.getName() + " returned null"));
            return;
        }
        try {
            byte[] payload = options.serializer().serialize(value);
            session.sendFrame(new Envelope(Envelope.Kind.RESPONSE, id, entry.responseTag, payload));
        } catch (Exception e) {
            sendError(session, id, new RpcException("cannot serialize the response " + value.getClass().getName(), e));
        }
    }

    private void sendError(Session session, long id, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String text = cause.getMessage() == null ? "" : cause.getMessage();
        if (options.sendStackTraces()) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            text = text + "\n" + trace;
        }
        if (text.length() > MAX_ERROR_CHARS) {
            text = text.substring(0, MAX_ERROR_CHARS);
        }
        session.sendFrame(new Envelope(Envelope.Kind.ERROR, id, cause.getClass().getName(),
                text.getBytes(StandardCharsets.UTF_8)));
    }

    private void refuse(Session session, Envelope envelope) {
        sendError(session, envelope.id(), new NoHandlerException("no handler for type " + envelope.tag()));
        for (UnhandledHandler handler : unhandled) {
            try {
                handler.onUnhandled(session, envelope.tag());
            } catch (RuntimeException e) {
                LOG.warn("session {}: an onUnhandled handler failed", session.id(), e);
            }
        }
    }

    /** A one-way message handler with the class it reads. */
    private static final class MessageEntry<M> {
        final Class<M> type;
        final MessageHandler<? super M> handler;

        MessageEntry(Class<M> type, MessageHandler<? super M> handler) {
            this.type = type;
            this.handler = handler;
        }

        void deliver(Session session, Object message) throws Exception {
            handler.onMessage(session, type.cast(message));
        }
    }

    /** A request handler (sync ones wrapped as completed stages) with the classes it reads and writes. */
    private static final class RequestEntry<Q extends Request<R>, R> {
        final Class<Q> type;
        final String responseTag;
        final AsyncRequestHandler<Q, R> handler;
        final boolean sync;

        RequestEntry(Class<Q> type, AsyncRequestHandler<Q, R> handler, boolean sync) {
            this.type = type;
            this.responseTag = TypeRegistry.responseType(type).getName();
            this.handler = handler;
            this.sync = sync;
        }

        CompletionStage<R> invoke(Session session, Object request) throws Exception {
            return handler.handle(session, type.cast(request));
        }
    }
}
