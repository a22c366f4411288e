package dev.saga.orchestrator.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.messaging.MessageTracing;
import dev.saga.orchestrator.metrics.SagaMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Map;

/**
 * The engine assembled on given ports instead of by Spring, for a host that keeps sagas elsewhere than in
 * PostgreSQL: the saga test kit runs definitions through it in memory, on a virtual clock. The starts, the moves
 * and the decisions are the production classes, so what a saga does here is what it does in production; it is
 * counted in a registry of its own, not traced, and every step's reply (and event) counts from the participant's
 * own broker user (its name).
 */
public record StandaloneEngine(SagaStarts starts, SagaEngine engine, SagaDecisions decisions) {

    public static StandaloneEngine on(SagaCatalog catalog, SagaStore sagas, TimelineLog timeline, SagaOutbox outbox,
                                      ObjectMapper json, Clock clock) {
        SagaData data = new SagaData(json);
        StepMessages messages = new StepMessages(outbox, timeline, data);
        SagaMetrics metrics = new SagaMetrics(new SimpleMeterRegistry());
        MessageTracing tracing = MessageTracing.none();
        ReplySenders senders = new ReplySenders(Map.of());
        SagaEngine engine = new SagaEngine(catalog, sagas, timeline, messages, data, metrics, tracing, senders, clock);
        return new StandaloneEngine(new SagaStarts(catalog, sagas, timeline, messages, data, metrics, tracing, clock),
                engine, new SagaDecisions(catalog, sagas, engine, data, timeline, senders, tracing));
    }
}
