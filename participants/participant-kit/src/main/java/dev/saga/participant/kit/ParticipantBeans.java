package dev.saga.participant.kit;

import dev.saga.messaging.BatchingConsumer;
import dev.saga.messaging.ConsumerSettings;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.FailureRouter;
import dev.saga.messaging.Inbox;
import dev.saga.messaging.MessageRegistry;
import dev.saga.messaging.MessageTracing;
import dev.saga.messaging.ObservabilityDefaults;
import dev.saga.messaging.Outbox;
import dev.saga.messaging.RetrySettings;
import dev.saga.messaging.Topology;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * For every {@link Participant} bean of the context, the beans that make it run: its work queue with retry tiers
 * and parking queue ({@code <bean>.queues}), its dispatcher ({@code <bean>.dispatcher}) and its consumer
 * ({@code <bean>.consumer}, labelled with the participant's name in its metrics and log lines). Registered from the
 * bean definitions, before any bean exists, so each participant's beans are ordinary beans of the context (started,
 * stopped and listed as any other); all of them wait for {@value #CHECK}, which refuses participants that cannot
 * share the context or that handle a message type no {@code MessageContract} bean registers.
 */
final class ParticipantBeans implements BeanDefinitionRegistryPostProcessor {

    static final String CHECK = "sagaParticipants";

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (!(registry instanceof ListableBeanFactory beans)) {
            throw new IllegalStateException("The participant kit needs a listable bean factory, not " + registry);
        }
        List<String> participants = Arrays.asList(beans.getBeanNamesForType(Participant.class, true, false));
        if (participants.isEmpty()) {
            throw new IllegalStateException("ParticipantConfiguration is imported into a context that declares no"
                    + " Participant bean: add @Bean Participant ... Participant.named(\"<name>\")...build()");
        }
        register(registry, CHECK, Participants.class, () -> checked(beans, participants));
        for (String name : participants) {
            register(registry, name + ".queues", Declarables.class, () -> queues(beans, name));
            register(registry, name + ".dispatcher", MessageDispatcher.class, () -> dispatcher(beans, name));
            register(registry, name + ".consumer", BatchingConsumer.class, () -> consumer(beans, name));
        }
    }

    /** The context's participants, able to share it, each handling only registered message types. */
    private static Participants checked(ListableBeanFactory beans, List<String> participantBeans) {
        Participants participants = new Participants(participantBeans.stream()
                .map(participant -> beans.getBean(participant, Participant.class)).toList());
        MessageRegistry messages = beans.getBean(MessageRegistry.class);
        participants.all().forEach(participant -> ParticipantMessagesCheck.requireRegistered(participant, messages));
        return participants;
    }

    private static Declarables queues(ListableBeanFactory beans, String participantBean) {
        Participant participant = beans.getBean(participantBean, Participant.class);
        return Topology.workQueue(participant.queue(), beans.getBean(RetrySettings.class), participant.exchange(),
                participant.bindingKeys().toArray(String[]::new));
    }

    private static MessageDispatcher dispatcher(ListableBeanFactory beans, String participantBean) {
        return new MessageDispatcher(beans.getBean(participantBean, Participant.class), beans.getBean(Inbox.class),
                beans.getBean(Outbox.class), beans.getBean(AdvisoryLocks.class),
                beans.getBean(TransactionTemplate.class), beans.getBean(MessageTracing.class),
                FaultInjection.from(beans.getBean(Environment.class)));
    }

    private static BatchingConsumer consumer(ListableBeanFactory beans, String participantBean) {
        Participant participant = beans.getBean(participantBean, Participant.class);
        MessageDispatcher dispatcher = beans.getBean(participantBean + ".dispatcher", MessageDispatcher.class);
        return new BatchingConsumer(beans.getBean(ConnectionFactory.class), participant.queue(),
                beans.getBean(EnvelopeCodec.class), beans.getBean(FailureRouter.class),
                beans.getBean(MessageTracing.class), dispatcher::dispatch, beans.getBean(ConsumerSettings.class),
                beans.getBean(MeterRegistry.class), Map.of(ObservabilityDefaults.PARTICIPANT_KEY, participant.name()));
    }

    private static <T> void register(BeanDefinitionRegistry registry, String name, Class<T> type,
                                     Supplier<T> instance) {
        BeanDefinitionBuilder definition = BeanDefinitionBuilder.genericBeanDefinition(type, instance);
        if (!name.equals(CHECK)) {
            definition.addDependsOn(CHECK);
        }
        registry.registerBeanDefinition(name, definition.getBeanDefinition());
    }
}
