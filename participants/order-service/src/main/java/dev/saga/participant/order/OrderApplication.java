package dev.saga.participant.order;

import dev.saga.contract.Contracts;
import dev.saga.contract.schema.MessageContract;
import dev.saga.participant.kit.ServiceLauncher;
import dev.saga.web.HttpInput;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The order service: order intake over HTTP, and the order participant of the order-fulfilment saga. */
@SpringBootApplication
@Import(HttpInput.class)
public class OrderApplication {

    public static void main(String[] args) {
        ServiceLauncher.run(OrderApplication.class, "order", args);
    }

    /** The order demo's messages: what this service's handlers read and what its replies and events carry. */
    @Bean
    MessageContract orderMessages() {
        return Contracts.ORDER_MESSAGES;
    }
}
