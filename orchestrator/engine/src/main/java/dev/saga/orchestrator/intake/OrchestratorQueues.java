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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The orchestrator's two queues: {@code orchestrator.saga-starts} (the events that start sagas, behind the
 * {@link SagaAdmission} gate) and {@code orchestrator.replies} (participants' replies), bound for every loaded
 * saga definition.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionSettings.class)
public class OrchestratorQueues {

    public static final String SAGA_STARTS = SagaStarts.QUEUE;
    public static final String REPLIES = SagaEngine.REPLY_QUEUE;

    @Bean
    Declarables orchestratorQueueDeclarations(SagaCatalog catalog, RetrySettings retry) {
        List<Declarable> all = new ArrayList<>();
        all.addAll(Topology.workQueue(SAGA_STARTS, retry, Topology.EVENTS, catalog.all().stream()
                .map(s -> MessageTypes.eventRoutingKey(s.definition().start().eventType()))
                .distinct().toArray(String[]::new)).getDeclarables());
        all.addAll(Topology.workQueue(REPLIES, retry, Topology.REPLIES, catalog.all().stream()
                .map(s -> s.definition().type() + ".#").toArray(String[]::new)).getDeclarables());
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

    @Bean
    BatchingConsumer replyListener(ConnectionFactory connections, EnvelopeCodec codec, FailureRouter failures,
                                   MessageTracing tracing, SagaEngine engine, ConsumerSettings settings,
                                   MeterRegistry registry) {
        return new BatchingConsumer(connections, REPLIES, codec, failures, tracing, engine::applyReplies, settings,
                registry);
    }
}
