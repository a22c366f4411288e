package dev.saga.participant.risk;

import dev.saga.contract.order.OrderCreated;
import dev.saga.definition.MessageTypes;
import dev.saga.participant.kit.Participant;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Consumes every new order ({@code order.created} on {@code saga.events}) from its queue {@code risk.events}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RiskSettings.class)
class RiskParticipant {

    @Bean
    Participant participant(FraudReviews reviews) {
        return Participant.named("risk")
                .subscribesToEvents(MessageTypes.eventRoutingKey(OrderCreated.class))
                .consumes(OrderCreated.class, reviews::review)
                .build();
    }

    @Bean
    ReviewRules reviewRules(RiskSettings settings) {
        return new ReviewRules(settings.reviewAboveCents());
    }
}
