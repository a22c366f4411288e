package dev.saga.participant.shipping;

import dev.saga.contract.Contracts;
import dev.saga.contract.schema.MessageContract;
import dev.saga.participant.kit.ServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The shipping service: the shipping participant of the order-fulfilment saga. */
@SpringBootApplication
public class ShippingApplication {

    public static void main(String[] args) {
        ServiceLauncher.run(ShippingApplication.class, "shipping", args);
    }

    /** The order demo's messages: what this service's handlers read and what its replies and events carry. */
    @Bean
    MessageContract orderMessages() {
        return Contracts.ORDER_MESSAGES;
    }
}
