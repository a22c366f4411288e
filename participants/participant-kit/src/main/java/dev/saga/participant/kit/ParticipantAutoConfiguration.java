package dev.saga.participant.kit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A saga participant in an application: as soon as it declares a {@link Participant} bean, the kit declares
 * its queues with their retry tiers and parking queue, and consumes them through the inbox and outbox
 * ({@link ParticipantConfiguration}). There is nothing to annotate or import: the participant starter on the
 * class path and a Participant bean are all it takes (the former {@code @ParticipantService} is gone).
 *
 * <p>What the application may declare instead of the kit: its own {@link AdvisoryLocks}, and its own
 * {@link MeterRegistry}. Inbox, outbox, relay, codec and failure routing are not replaceable: the guarantee that a
 * message takes effect once rests on them together.
 */
@AutoConfiguration(afterName = "org.springframework.boot.actuate.autoconfigure.metrics"
        + ".CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBean(Participant.class)
@Import(ParticipantConfiguration.class)
public class ParticipantAutoConfiguration {

    /**
     * The consumers count their batches in the application's registry; one without Actuator has none, and still
     * starts (with Actuator, Boot's registry is there first and this one is not made).
     */
    @Bean
    @ConditionalOnMissingBean(MeterRegistry.class)
    SimpleMeterRegistry participantMeters() {
        return new SimpleMeterRegistry();
    }
}
