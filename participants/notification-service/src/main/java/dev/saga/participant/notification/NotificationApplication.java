package dev.saga.participant.notification;

import dev.saga.contract.Contracts;
import dev.saga.contract.saga.SagaFinished;
import dev.saga.contract.schema.MessageContract;
import dev.saga.participant.kit.ServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The notification service: listens for finished sagas and records what to tell the customer. */
@SpringBootApplication
public class NotificationApplication {

    public static void main(String[] args) {
        ServiceLauncher.run(NotificationApplication.class, "notification", args);
    }

    /** The order demo's messages: what this service's handlers read and what its replies and events carry. */
    @Bean
    MessageContract orderMessages() {
        return Contracts.ORDER_MESSAGES;
    }

    /** The saga end events it turns into notifications, registered by the DSL that defines them. */
    @Bean
    MessageContract sagaEndEvents() {
        return MessageContract.of(SagaFinished.class);
    }
}
