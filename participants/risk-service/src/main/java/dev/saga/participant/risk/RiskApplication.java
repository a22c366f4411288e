package dev.saga.participant.risk;

import dev.saga.contract.Contracts;
import dev.saga.contract.schema.MessageContract;
import dev.saga.participant.kit.ServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The risk service: reviews large orders for fraud as they are created, and tells their saga what it decided. */
@SpringBootApplication
public class RiskApplication {

    public static void main(String[] args) {
        ServiceLauncher.run(RiskApplication.class, "risk", args);
    }

    /** The order demo's messages: the OrderCreated it reads and the fraud review events it publishes. */
    @Bean
    MessageContract orderMessages() {
        return Contracts.ORDER_MESSAGES;
    }
}
