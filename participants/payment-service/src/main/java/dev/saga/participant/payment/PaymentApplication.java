package dev.saga.participant.payment;

import dev.saga.contract.Contracts;
import dev.saga.contract.schema.MessageContract;
import dev.saga.participant.kit.ServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The payment participant: holds, voids and captures order amounts on customer accounts. */
@SpringBootApplication
public class PaymentApplication {

    public static void main(String[] args) {
        ServiceLauncher.run(PaymentApplication.class, "payment", args);
    }

    /** The order demo's messages: what this service's handlers read and what its replies and events carry. */
    @Bean
    MessageContract orderMessages() {
        return Contracts.ORDER_MESSAGES;
    }
}
