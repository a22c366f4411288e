package dev.saga.participant.shipping;

import dev.saga.contract.shipping.CancelShipment;
import dev.saga.contract.shipping.ScheduleShipment;
import dev.saga.participant.kit.Participant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The commands the sagas send the shipping service: book a shipment, and cancel it. */
@Configuration(proxyBeanMethods = false)
class ShippingParticipant {

    @Bean
    Participant participant(ShipmentScheduler scheduler) {
        return Participant.named("shipping")
                .handles(ScheduleShipment.class, scheduler::schedule,
                        command -> ShipmentScheduler.locks(command.orderId()))
                .handles(CancelShipment.class, scheduler::cancel, command -> ShipmentScheduler.locks(command.orderId()))
                .build();
    }
}
