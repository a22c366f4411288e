package dev.saga.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;

/**
 * Carries one trace across every hop of a saga. A message written to the outbox takes the W3C
 * {@code traceparent} of the span that wrote it, and a received message is handled in a consumer span that
 * continues the sender's trace; so a trace runs from the order request through the orchestrator and every
 * participant. The saga id goes into the logging context next to the trace id for as long as a message is
 * handled ({@value #SAGA_ID_KEY}).
 */
public class MessageTracing {

    /** The logging-context key of the saga a log line belongs to. */
    public static final String SAGA_ID_KEY = "sagaId";
    /** The span tag naming the saga. */
    public static final String SAGA_ID_TAG = "saga.id";

    private final Tracer tracer;
    private final Propagator propagator;

    public MessageTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No traces: messages go out with whatever trace context their envelope already has. */
    public static MessageTracing none() {
        return new MessageTracing(Tracer.NOOP, Propagator.NOOP);
    }

    /** The envelope as it goes out: with the current span's trace context, when there is one. */
    Envelope stamped(Envelope envelope) {
        String traceparent = currentTraceparent();
        return traceparent == null ? envelope : envelope.withTraceparent(traceparent);
    }

    /** The W3C trace context of the current span, or null outside any span. */
    public String currentTraceparent() {
        Span current = tracer.currentSpan();
        if (current == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(current.context(), carrier, Map::put);
        return carrier.get(EnvelopeCodec.TRACEPARENT);
    }

    /** Runs {@code handling} in a consumer span continuing the trace the message's headers carry. */
    void handle(Message message, String queue, Runnable handling) {
        Map<String, Object> headers = message.getMessageProperties().getHeaders();
        Span span = propagator.extract(headers, (carrier, key) -> stringOrNull(carrier.get(key)))
                .kind(Span.Kind.CONSUMER)
                .name("handle " + message.getMessageProperties().getType())
                .tag("messaging.destination.name", queue)
                .tag("messaging.message.id", String.valueOf(message.getMessageProperties().getMessageId()))
                .start();
        runIn(span, stringOrNull(headers.get(EnvelopeCodec.SAGA_ID)), handling);
    }

    /**
     * Runs {@code work} for one message of a batch in a consumer span continuing the trace its envelope carries,
     * with its saga in the logging context: what the work writes to the outbox stays in the sender's trace.
     */
    public void within(IncomingMessage message, String queue, Runnable work) {
        Envelope envelope = message.envelope();
        Map<String, String> carrier = envelope.traceparent() == null ? Map.of()
                : Map.of(EnvelopeCodec.TRACEPARENT, envelope.traceparent());
        Span span = propagator.extract(carrier, Map::get)
                .kind(Span.Kind.CONSUMER)
                .name("handle " + envelope.type())
                .tag("messaging.destination.name", queue)
                .tag("messaging.message.id", String.valueOf(envelope.messageId()))
                .start();
        runIn(span, envelope.sagaId() == null ? null : envelope.sagaId().toString(), work);
    }

    /**
     * Runs {@code work} for a saga in a span continuing the saga's trace ({@code traceparent}, null for a new
     * trace): e.g. a deadline that fires long after the last message, so its resend stays in the saga's trace.
     */
    public void continueTrace(String traceparent, String name, UUID sagaId, Runnable work) {
        Map<String, String> carrier = traceparent == null ? Map.of()
                : Map.of(EnvelopeCodec.TRACEPARENT, traceparent);
        runIn(propagator.extract(carrier, Map::get).name(name).start(), sagaId.toString(), work);
    }

    private void runIn(Span span, String sagaId, Runnable work) {
        if (sagaId != null) {
            span.tag(SAGA_ID_TAG, sagaId);
            MDC.put(SAGA_ID_KEY, sagaId);
        }
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            work.run();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            MDC.remove(SAGA_ID_KEY);
            span.end();
        }
    }

    /**
     * Names the saga the current work belongs to, once it is known (a saga's first message carries no saga id):
     * on the current span and in the logging context, until the message's handling ends.
     */
    public void sagaIdentified(UUID sagaId) {
        Span current = tracer.currentSpan();
        if (current != null) {
            current.tag(SAGA_ID_TAG, sagaId.toString());
        }
        MDC.put(SAGA_ID_KEY, sagaId.toString());
    }

    /** Marks the span of the message being handled as failed, for a failure the listener routes itself. */
    void failed(RuntimeException failure) {
        Span current = tracer.currentSpan();
        if (current != null) {
            current.error(failure);
        }
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : value.toString();
    }
}
