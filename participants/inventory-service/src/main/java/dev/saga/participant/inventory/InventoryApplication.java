package dev.saga.participant.inventory;

import dev.saga.participant.kit.ServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The inventory participant: holds, releases and deducts stock for saga steps. */
@SpringBootApplication
public class InventoryApplication {

    public static void main(String[] args) {
        ServiceLauncher.run(InventoryApplication.class, "inventory", args);
    }
}
