package dev.saga.participant.notification;

import dev.saga.contract.saga.SagaFinished;
import dev.saga.participant.kit.Participant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Consumes the orchestrator's outcome events ({@code saga.<type>.<outcome>} on {@code saga.events}). */
@Configuration(proxyBeanMethods = false)
class NotificationParticipant {

    @Bean
    Participant participant(Notifications notifications) {
        return Participant.named("notification")
                .subscribesToEvents("saga.#")
                .consumes(SagaFinished.class, notifications::record)
                .build();
    }
}
