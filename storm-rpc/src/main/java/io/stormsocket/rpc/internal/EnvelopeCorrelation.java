package io.stormsocket.rpc.internal;

import io.stormsocket.rpc.Correlation;
import java.util.Optional;

/** How envelopes carry correlation ids: responses and errors answer the request with their id. */
final class EnvelopeCorrelation implements Correlation<Envelope> {
    @Override
    public long correlationId(Envelope frame) {
        return frame.id();
    }

    @Override
    public boolean isResponse(Envelope frame) {
        return frame.kind() == Envelope.Kind.RESPONSE || frame.kind() == Envelope.Kind.ERROR;
    }

    /** Late responses are dropped; an error with id 0 (a refused one-way message) goes on to be logged. */
    @Override
    public boolean dropUncorrelated(Envelope frame) {
        return frame.id() != 0;
    }

    @Override
    public Envelope withCorrelationId(Envelope frame, long id) {
        return frame.withId(id);
    }

    @Override
    public Optional<Envelope> cancelFrame(long id) {
        return Optional.of(Envelope.control(Envelope.Kind.CANCEL, id));
    }
}
