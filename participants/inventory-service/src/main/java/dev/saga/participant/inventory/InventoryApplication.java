package dev.saga.participant.inventory;

import dev.saga.contract.Contracts;
import dev.saga.contract.schema.MessageContract;
import dev.saga.participant.kit.ServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The inventory participant: holds, releases and deducts stock for saga steps. */
@SpringBootApplication
public class InventoryApplication {

    public static void main(String[] args) {
        ServiceLauncher.run(InventoryApplication.class, "inventory", args);
    }

    /** The order demo's messages: what this service's handlers read and what its replies and events carry. */
    @Bean
    MessageContract orderMessages() {
        return Contracts.ORDER_MESSAGES;
    }
}
