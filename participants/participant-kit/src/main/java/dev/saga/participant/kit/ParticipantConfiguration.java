package dev.saga.participant.kit;

import dev.saga.messaging.ConsumerSettings;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.BatchingConsumer;
import dev.saga.messaging.FailureRouter;
import dev.saga.messaging.Inbox;
import dev.saga.messaging.MessageTracing;
import dev.saga.messaging.MessagingConfiguration;
import dev.saga.messaging.Outbox;
import dev.saga.messaging.RetrySettings;
import dev.saga.messaging.Topology;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a service's {@link Participant} bean into a running consumer: its quorum queue with retry tiers and
 * parking queue, and a listener that dispatches each message exactly once. Import it (or use
 * {@link ParticipantService}).
 */
@Configuration(proxyBeanMethods = false)
@Import(MessagingConfiguration.class)
public class ParticipantConfiguration {

    @Bean
    Declarables participantQueue(Participant participant, RetrySettings retry) {
        return Topology.workQueue(participant.queue(), retry, participant.exchange(),
                participant.bindingKeys().toArray(String[]::new));
    }

    @Bean
    AdvisoryLocks advisoryLocks(JdbcTemplate jdbc) {
        return new AdvisoryLocks(jdbc);
    }

    @Bean
    MessageDispatcher messageDispatcher(Participant participant, Inbox inbox, Outbox outbox, AdvisoryLocks locks,
                                        TransactionTemplate transaction, MessageTracing tracing,
                                        Environment environment) {
        return new MessageDispatcher(participant, inbox, outbox, locks, transaction, tracing,
                FaultInjection.from(environment));
    }

    @Bean
    BatchingConsumer participantListener(ConnectionFactory connections, Participant participant, EnvelopeCodec codec,
                                         FailureRouter failures, MessageTracing tracing,
                                         MessageDispatcher dispatcher, ConsumerSettings settings,
                                         MeterRegistry registry) {
        return new BatchingConsumer(connections, participant.queue(), codec, failures, tracing,
                dispatcher::dispatch, settings, registry);
    }
}
