package dev.saga.participant.kit;

import dev.saga.messaging.ConsumerSettings;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.EnvelopeListener;
import dev.saga.messaging.Inbox;
import dev.saga.messaging.ListenerContainers;
import dev.saga.messaging.MessagingConfiguration;
import dev.saga.messaging.Outbox;
import dev.saga.messaging.ParkingLot;
import dev.saga.messaging.Topology;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a service's {@link Participant} bean into a running consumer: its quorum queue with parking queue,
 * and a listener that dispatches each message exactly once. Import it (or use {@link ParticipantService}).
 */
@Configuration(proxyBeanMethods = false)
@Import(MessagingConfiguration.class)
public class ParticipantConfiguration {

    @Bean
    Declarables participantQueue(Participant participant) {
        return Topology.workQueue(participant.queue(), participant.exchange(),
                participant.bindingKeys().toArray(String[]::new));
    }

    @Bean
    MessageDispatcher messageDispatcher(Participant participant, Inbox inbox, Outbox outbox,
                                        TransactionTemplate transaction) {
        return new MessageDispatcher(participant, inbox, outbox, transaction);
    }

    @Bean
    SimpleMessageListenerContainer participantListener(ConnectionFactory connections, Participant participant,
                                                       EnvelopeCodec codec, ParkingLot parking,
                                                       MessageDispatcher dispatcher, ConsumerSettings settings) {
        EnvelopeListener listener = new EnvelopeListener(participant.queue(), codec, parking, dispatcher::dispatch);
        return ListenerContainers.create(connections, participant.queue(), listener, settings);
    }
}
