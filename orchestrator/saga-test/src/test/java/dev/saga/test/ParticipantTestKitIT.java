package dev.saga.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.Contracts;
import dev.saga.contract.inventory.ReleaseStock;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.StockReleased;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.inventory.StockUnavailable;
import dev.saga.contract.order.OrderLine;
import dev.saga.messaging.testing.RealServices;
import dev.saga.participant.inventory.InventoryParticipantConfiguration;
import dev.saga.participant.kit.Participant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The kit over a real service: the inventory service's own participant, from its own configuration class, on its
 * own migrated schema in real PostgreSQL. A reservation delivered twice holds its stock once and gets one reply.
 */
class ParticipantTestKitIT {

    private static final String STOCK = "SELECT sku, on_hand, reserved, deducted FROM stock ORDER BY sku";
    private static final String RESERVATIONS = "SELECT order_id, sku, quantity, status FROM reservation"
            + " ORDER BY order_id, sku";

    private static Map<String, String> services;
    private static DriverManagerDataSource dataSource;
    private static AnnotationConfigApplicationContext inventory;

    @BeforeAll
    static void inventorySchema() {
        services = RealServices.isolated();
        dataSource = new DriverManagerDataSource(services.get("saga.database.url") + "?currentSchema=inventory",
                services.get("spring.datasource.username"), services.get("spring.datasource.password"));
        ParticipantTestKit.migrate(dataSource, "inventory", "classpath:db/inventory");
        inventory = new AnnotationConfigApplicationContext();
        inventory.registerBean(JdbcTemplate.class, () -> new JdbcTemplate(dataSource));
        inventory.register(InventoryParticipantConfiguration.class);
        inventory.refresh();
    }

    @AfterAll
    static void release() {
        inventory.close();
        RealServices.release(services);
    }

    private final UUID orderId = UUID.randomUUID();
    private final ParticipantTestKit kit = ParticipantTestKit.of(inventory.getBean(Participant.class), dataSource,
            Contracts.ORDER_MESSAGES)
            .watching(STOCK).watching(RESERVATIONS);

    @Test
    void aReservationDeliveredTwiceHoldsItsStockOnceAndRepliesWithTheStoredReply() {
        kit.deliver(new ReserveStock(orderId, List.of(new OrderLine("SKU-MUG", 2))))
                .expectReply(StockReserved.class, reply -> assertThat(reply.orderId()).isEqualTo(orderId))
                .expectEffect()
                .deliverAgain()
                .expectSameReply()
                .expectNoFurtherEffect();

        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT sum(quantity) FROM reservation WHERE order_id = ? AND status = 'RESERVED'", Integer.class,
                orderId)).isEqualTo(2);
    }

    /**
     * The stock came back since the refusal, so its handler would reserve now; the resend still gets the refusal its
     * first delivery stored, and holds nothing. A new reservation (a new message id) is what reserves.
     */
    @Test
    void aRefusedReservationResentOnceStockIsBackGetsItsStoredRefusalAndHoldsNothing() {
        UUID otherOrder = UUID.randomUUID();
        kit.deliver(new ReserveStock(otherOrder, List.of(new OrderLine("SKU-BOOK", onHand("SKU-BOOK")))))
                .expectReply(StockReserved.class);
        Delivery refused = kit.deliver(new ReserveStock(orderId, List.of(new OrderLine("SKU-BOOK", 1))))
                .expectReply(StockUnavailable.class);
        kit.deliver(new ReleaseStock(otherOrder)).expectReply(StockReleased.class).expectEffect();

        refused.resend().expectSameReply().expectReply(StockUnavailable.class).expectNoFurtherEffect();
        kit.deliver(new ReserveStock(orderId, List.of(new OrderLine("SKU-BOOK", 1))))
                .expectReply(StockReserved.class).expectEffect();
    }

    private static int onHand(String sku) {
        return new JdbcTemplate(dataSource).queryForObject("SELECT on_hand FROM stock WHERE sku = ?", Integer.class,
                sku);
    }
}
