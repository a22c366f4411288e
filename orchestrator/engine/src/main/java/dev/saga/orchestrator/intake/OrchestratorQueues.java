package dev.saga.orchestrator.intake;

import dev.saga.definition.MessageTypes;
import dev.saga.messaging.BatchHandler;
import dev.saga.messaging.BatchingConsumer;
import dev.saga.messaging.ConsumerSettings;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.FailureRouter;
import dev.saga.messaging.MessageTracing;
import dev.saga.messaging.RetrySettings;
import dev.saga.messaging.Topology;
import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.orchestrator.engine.SagaDecisions;
import dev.saga.orchestrator.engine.SagaEngine;
import dev.saga.orchestrator.engine.SagaRepository;
import dev.saga.orchestrator.engine.SagaStarts;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The orchestrator's three queues, bound for every loaded saga definition: {@code orchestrator.saga-starts} (the
 * events that start sagas, behind the {@link SagaAdmission} gate), {@code orchestrator.replies} (participants'
 * replies) and, when a loaded saga waits for an event, {@code orchestrator.decisions} (participants' events that
 * decide waiting steps). Decisions have a queue of their own so that they never wait behind the gate: the sagas in
 * flight that hold it back may be the ones waiting for them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionSettings.class)
public class OrchestratorQueues {

    public static final String SAGA_STARTS = SagaStarts.QUEUE;
    public static final String REPLIES = SagaEngine.REPLY_QUEUE;
    public static final String DECISIONS = SagaDecisions.QUEUE;

    @Bean
    Declarables orchestratorQueueDeclarations(SagaCatalog catalog, SagaDecisions decisions, RetrySettings retry) {
        List<Declarable> all = new ArrayList<>();
        all.addAll(Topology.workQueue(SAGA_STARTS, retry, Topology.EVENTS, catalog.all().stream()
                .map(s -> MessageTypes.eventRoutingKey(s.definition().start().eventType()))
                .distinct().toArray(String[]::new)).getDeclarables());
        all.addAll(Topology.workQueue(REPLIES, retry, Topology.REPLIES, catalog.all().stream()
                .map(s -> s.definition().type() + ".#").toArray(String[]::new)).getDeclarables());
        if (!decisions.eventTypes().isEmpty()) {
            all.addAll(Topology.workQueue(DECISIONS, retry, Topology.EVENTS, decisions.eventTypes().stream()
                    .map(MessageTypes::eventRoutingKey).sorted().toArray(String[]::new)).getDeclarables());
        }
        return new Declarables(all);
    }

    @Bean
    SagaAdmission sagaAdmission(SagaRepository sagas, AdmissionSettings settings, MeterRegistry registry) {
        return new SagaAdmission(sagas, settings, registry);
    }

    @Bean
    BatchingConsumer sagaStartListener(ConnectionFactory connections, EnvelopeCodec codec, FailureRouter failures,
                                       MessageTracing tracing, SagaStarts sagaStarts, ConsumerSettings settings,
                                       SagaAdmission admission, MeterRegistry registry) {
        BatchHandler starts = sagaStarts::startAll;
        // The gate asks the consumer whether it still runs, so it is put in front once the consumer exists.
        AtomicReference<BatchingConsumer> consumer = new AtomicReference<>();
        BatchHandler gated = admission.gate(starts, () -> consumer.get().isActive());
        consumer.set(new BatchingConsumer(connections, SAGA_STARTS, codec, failures, tracing, gated, settings,
                registry));
        return consumer.get();
    }

    /** Consumes the decision queue, if a loaded saga waits for an event; otherwise there is no such queue. */
    @Bean
    SmartLifecycle decisionListener(ConnectionFactory connections, EnvelopeCodec codec, FailureRouter failures,
                                    MessageTracing tracing, SagaDecisions decisions, ConsumerSettings settings,
                                    MeterRegistry registry) {
        if (decisions.eventTypes().isEmpty()) {
            return new NoQueueToConsume();
        }
        return new BatchingConsumer(connections, DECISIONS, codec, failures, tracing, decisions::decideAll, settings,
                registry);
    }

    /** Stands in for the decision listener of an orchestrator none of whose sagas waits for an event. */
    private static final class NoQueueToConsume implements SmartLifecycle {
        private volatile boolean running;

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    @Bean
    BatchingConsumer replyListener(ConnectionFactory connections, EnvelopeCodec codec, FailureRouter failures,
                                   MessageTracing tracing, SagaEngine engine, ConsumerSettings settings,
                                   MeterRegistry registry) {
        return new BatchingConsumer(connections, REPLIES, codec, failures, tracing, engine::applyReplies, settings,
                registry);
    }
}
