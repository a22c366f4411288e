package dev.saga.participant.kit;

import dev.saga.messaging.MessagingConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Turns every {@link Participant} bean of a service into a running consumer: its quorum queue with retry tiers and
 * parking queue, and a listener that dispatches each message exactly once ({@link ParticipantBeans}). Several
 * participants may share a context, with its database schema, inbox, outbox and broker user; each has its own
 * queues and consumers, and its name in its consumers' metrics and log lines. Applied by
 * {@link ParticipantAutoConfiguration}; a service imports nothing itself.
 */
@Configuration(proxyBeanMethods = false)
@Import(MessagingConfiguration.class)
public class ParticipantConfiguration {

    /** Static: a registry post-processor runs before the configuration's other beans exist. */
    @Bean
    static ParticipantBeans participantBeans() {
        return new ParticipantBeans();
    }

    /**
     * The application may lock its own way (say, timing each wait for its metrics), as long as its locks still end
     * with the transaction and are taken in one fixed order.
     */
    @Bean
    @ConditionalOnMissingBean
    AdvisoryLocks advisoryLocks(JdbcTemplate jdbc) {
        return new AdvisoryLocks(jdbc);
    }
}
