package dev.saga.participant.kit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Import;

/**
 * A saga participant in an application: as soon as it declares a {@link Participant} bean, the kit declares
 * its queues with their retry tiers and parking queue, and consumes them through the inbox and outbox
 * ({@link ParticipantConfiguration}).
 */
@AutoConfiguration
@ConditionalOnBean(Participant.class)
@Import(ParticipantConfiguration.class)
public class ParticipantAutoConfiguration {
}
