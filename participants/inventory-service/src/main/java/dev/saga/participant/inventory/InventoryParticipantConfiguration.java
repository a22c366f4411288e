package dev.saga.participant.inventory;

import dev.saga.contract.inventory.DeductInventory;
import dev.saga.contract.inventory.ReleaseStock;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.RestockOrder;
import dev.saga.participant.kit.Participant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The commands the inventory service answers, on queue {@code inventory.commands}. */
@Configuration(proxyBeanMethods = false)
public class InventoryParticipantConfiguration {

    @Bean
    Warehouse warehouse(JdbcTemplate jdbc) {
        return new Warehouse(jdbc);
    }

    @Bean
    Participant inventoryParticipant(Warehouse warehouse) {
        return Participant.named("inventory")
                .handles(ReserveStock.class, warehouse::reserve, warehouse::locksForReserve)
                .handles(ReleaseStock.class, warehouse::release, command -> warehouse.locksForOrder(command.orderId()))
                .handles(DeductInventory.class, warehouse::deduct,
                        command -> warehouse.locksForOrder(command.orderId()))
                .handles(RestockOrder.class, warehouse::restock, command -> warehouse.locksForOrder(command.orderId()))
                .build();
    }
}
