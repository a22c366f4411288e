package dev.saga.participant.shipping;

import dev.saga.contract.shipping.ScheduleShipment;
import dev.saga.participant.kit.Participant;
import dev.saga.participant.kit.ParticipantService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one command the saga sends the shipping service, after the payment was captured. */
@Configuration(proxyBeanMethods = false)
@ParticipantService
class ShippingParticipant {

    @Bean
    Participant participant(ShipmentScheduler scheduler) {
        return Participant.named("shipping")
                .handles(ScheduleShipment.class, scheduler::schedule)
                .build();
    }
}
