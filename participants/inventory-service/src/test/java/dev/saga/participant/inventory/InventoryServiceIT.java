package dev.saga.participant.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.inventory.DeductInventory;
import dev.saga.contract.inventory.InventoryDeducted;
import dev.saga.contract.inventory.InventoryDeductionFailed;
import dev.saga.contract.inventory.ReleaseStock;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.RestockOrder;
import dev.saga.contract.inventory.StockReleased;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.inventory.StockRestocked;
import dev.saga.contract.inventory.StockUnavailable;
import dev.saga.contract.order.OrderLine;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.testing.OrchestratorStandIn;
import dev.saga.messaging.testing.RealServices;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The inventory service on real PostgreSQL and RabbitMQ, driven by commands on the broker as a saga sends them. */
@Import(OrchestratorStandIn.ReplyQueue.class)
@SpringBootTest(properties = "spring.config.name=inventory", webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InventoryServiceIT {

    /** The seeded units per SKU; on hand + reserved + deducted must always add up to them. */
    private static final Map<String, Integer> SEEDED_UNITS = Map.of("SKU-BOOK", 100000, "SKU-MUG", 50000,
            "SKU-RARE", 0, "SKU-DAMAGED", 100000, "SKU-RECOUNT", 100000);

    @Autowired
    private RabbitTemplate rabbit;
    @Autowired
    private EnvelopeCodec codec;
    @Autowired
    private JdbcTemplate jdbc;

    private OrchestratorStandIn orchestrator;

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
    }

    @BeforeEach
    void standInForTheOrchestrator() {
        orchestrator = new OrchestratorStandIn(rabbit, codec, "inventory");
    }

    @AfterEach
    void stockIsConserved() {
        assertThat(stock()).allSatisfy((sku, level) -> assertThat(level.units()).as(sku)
                .isEqualTo(SEEDED_UNITS.get(sku)));
    }

    @Test
    void refusesAReservationThatArrivesAfterItsOrderWasReleased() {
        UUID orderId = UUID.randomUUID();
        Map<String, Level> before = stock();

        assertThat(orchestrator.call(new ReleaseStock(orderId))).isEqualTo(new StockReleased(orderId));
        Object late = orchestrator.call(new ReserveStock(orderId, List.of(new OrderLine("SKU-BOOK", 1))));

        assertThat(late).isInstanceOf(StockUnavailable.class);
        assertThat(((StockUnavailable) late).reason()).contains("cancelled before its stock was reserved");
        assertThat(stock()).isEqualTo(before);
        assertThat(reservations(orderId)).isEmpty();
    }

    @Test
    void reservesEveryLineOfAnOrder() {
        UUID orderId = UUID.randomUUID();
        Map<String, Level> before = stock();

        Object reply = orchestrator.call(new ReserveStock(orderId, List.of(new OrderLine("SKU-BOOK", 2),
                new OrderLine("SKU-MUG", 1))));

        assertThat(reply).isEqualTo(new StockReserved(orderId));
        assertThat(stock().get("SKU-BOOK")).isEqualTo(before.get("SKU-BOOK").reserve(2));
        assertThat(stock().get("SKU-MUG")).isEqualTo(before.get("SKU-MUG").reserve(1));
        assertThat(reservations(orderId)).containsOnly(Map.entry("SKU-BOOK", "RESERVED 2"),
                Map.entry("SKU-MUG", "RESERVED 1"));
    }

    @Test
    void refusesTheWholeOrderWhenOneSkuHasTooLittleOnHand() {
        UUID orderId = UUID.randomUUID();
        Map<String, Level> before = stock();

        Object reply = orchestrator.call(new ReserveStock(orderId, List.of(new OrderLine("SKU-BOOK", 1),
                new OrderLine("SKU-RARE", 1))));

        assertThat(reply).isEqualTo(new StockUnavailable(orderId, "SKU-RARE", "SKU-RARE: 0 on hand, 1 requested"));
        assertThat(stock()).isEqualTo(before);
        assertThat(reservations(orderId)).isEmpty();
    }

    @Test
    void refusesAnOrderForAnUnknownSku() {
        UUID orderId = UUID.randomUUID();
        Map<String, Level> before = stock();

        Object reply = orchestrator.call(new ReserveStock(orderId, List.of(new OrderLine("SKU-MUG", 1),
                new OrderLine("SKU-NOPE", 1))));

        assertThat(reply).isEqualTo(new StockUnavailable(orderId, "SKU-NOPE", "SKU-NOPE is an unknown SKU"));
        assertThat(stock()).isEqualTo(before);
        assertThat(reservations(orderId)).isEmpty();
    }

    @Test
    void releasesHeldStockAsCompensationAndAgainWithoutEffect() {
        UUID orderId = UUID.randomUUID();
        Map<String, Level> before = stock();
        orchestrator.call(new ReserveStock(orderId, List.of(new OrderLine("SKU-BOOK", 3))));

        assertThat(orchestrator.call(new ReleaseStock(orderId))).isEqualTo(new StockReleased(orderId));
        assertThat(stock()).isEqualTo(before);
        assertThat(reservations(orderId)).containsOnly(Map.entry("SKU-BOOK", "RELEASED 3"));

        assertThat(orchestrator.call(new ReleaseStock(orderId))).isEqualTo(new StockReleased(orderId));
        assertThat(stock()).isEqualTo(before);
    }

    @Test
    void releasingAnOrderThatHoldsNothingStillReplies() {
        UUID orderId = UUID.randomUUID();
        Map<String, Level> before = stock();

        assertThat(orchestrator.call(new ReleaseStock(orderId))).isEqualTo(new StockReleased(orderId));
        assertThat(stock()).isEqualTo(before);
        assertThat(reservations(orderId)).isEmpty();
    }

    @Test
    void deductsHeldStockOnceEvenWhenAskedTwice() {
        UUID orderId = UUID.randomUUID();
        Map<String, Level> before = stock();
        orchestrator.call(new ReserveStock(orderId, List.of(new OrderLine("SKU-MUG", 4))));

        assertThat(orchestrator.call(new DeductInventory(orderId))).isEqualTo(new InventoryDeducted(orderId));
        assertThat(orchestrator.call(new DeductInventory(orderId))).isEqualTo(new InventoryDeducted(orderId));

        assertThat(stock().get("SKU-MUG")).isEqualTo(before.get("SKU-MUG").deduct(4));
        assertThat(reservations(orderId)).containsOnly(Map.entry("SKU-MUG", "DEDUCTED 4"));
    }

    @ParameterizedTest
    @CsvSource({"SKU-DAMAGED, DAMAGED", "SKU-RECOUNT, RECOUNT"})
    void refusesToDeductStockThatCannotBePickedAndReleasesItAfterwards(String sku, String warehouseStatus) {
        UUID orderId = UUID.randomUUID();
        Map<String, Level> before = stock();
        orchestrator.call(new ReserveStock(orderId, List.of(new OrderLine("SKU-BOOK", 1), new OrderLine(sku, 2))));
        Map<String, Level> reserved = stock();

        Object reply = orchestrator.call(new DeductInventory(orderId));

        assertThat(reply).isEqualTo(new InventoryDeductionFailed(orderId, sku,
                sku + " is not pickable: " + warehouseStatus));
        assertThat(stock()).isEqualTo(reserved);
        assertThat(reservations(orderId)).containsOnly(Map.entry("SKU-BOOK", "RESERVED 1"),
                Map.entry(sku, "RESERVED 2"));

        assertThat(orchestrator.call(new ReleaseStock(orderId))).isEqualTo(new StockReleased(orderId));
        assertThat(stock()).isEqualTo(before);
    }

    @Test
    void restocksWhatWasDeductedOnceEvenWhenAskedTwice() {
        UUID orderId = UUID.randomUUID();
        Map<String, Level> before = stock();
        orchestrator.call(new ReserveStock(orderId, List.of(new OrderLine("SKU-BOOK", 2),
                new OrderLine("SKU-MUG", 1))));
        orchestrator.call(new DeductInventory(orderId));

        assertThat(orchestrator.call(new RestockOrder(orderId))).isEqualTo(new StockRestocked(orderId));
        assertThat(orchestrator.call(new RestockOrder(orderId))).isEqualTo(new StockRestocked(orderId));

        assertThat(stock()).isEqualTo(before);
        assertThat(reservations(orderId)).containsOnly(Map.entry("SKU-BOOK", "RESTOCKED 2"),
                Map.entry("SKU-MUG", "RESTOCKED 1"));
    }

    @Test
    void aDuplicateDeliveryGetsTheSameReplyAndReservesOnce() {
        UUID orderId = UUID.randomUUID();
        UUID messageId = UUID.randomUUID();
        Map<String, Level> before = stock();
        ReserveStock command = new ReserveStock(orderId, List.of(new OrderLine("SKU-BOOK", 5)));

        orchestrator.send(messageId, command);
        orchestrator.awaitReplies(messageId, 1);
        orchestrator.send(messageId, command);
        List<IncomingMessage> replies = orchestrator.awaitReplies(messageId, 2);

        assertThat(replies).extracting(IncomingMessage::payload).containsOnly(new StockReserved(orderId));
        assertThat(replies.get(1).envelope().messageId()).isEqualTo(replies.get(0).envelope().messageId());
        assertThat(stock().get("SKU-BOOK")).isEqualTo(before.get("SKU-BOOK").reserve(5));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reservation WHERE order_id = ?", Integer.class, orderId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE message_id = ?", Integer.class, messageId))
                .isEqualTo(1);
    }

    @Test
    void aResentReservationWithANewMessageIdDoesNotReserveTwice() {
        UUID orderId = UUID.randomUUID();
        Map<String, Level> before = stock();
        ReserveStock command = new ReserveStock(orderId, List.of(new OrderLine("SKU-MUG", 2)));

        assertThat(orchestrator.call(command)).isEqualTo(new StockReserved(orderId));
        assertThat(orchestrator.call(command)).isEqualTo(new StockReserved(orderId));

        assertThat(stock().get("SKU-MUG")).isEqualTo(before.get("SKU-MUG").reserve(2));
        assertThat(reservations(orderId)).containsOnly(Map.entry("SKU-MUG", "RESERVED 2"));
    }

    @Test
    void conservesEveryUnitAcrossReservationsReleasesAndDeductions() {
        UUID shipped = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        orchestrator.call(new ReserveStock(shipped, List.of(new OrderLine("SKU-BOOK", 7),
                new OrderLine("SKU-MUG", 3))));
        orchestrator.call(new ReserveStock(cancelled, List.of(new OrderLine("SKU-BOOK", 1),
                new OrderLine("SKU-DAMAGED", 1))));
        orchestrator.call(new ReserveStock(refused, List.of(new OrderLine("SKU-RARE", 1))));
        orchestrator.call(new DeductInventory(shipped));
        orchestrator.call(new DeductInventory(cancelled));
        orchestrator.call(new ReleaseStock(cancelled));

        Map<String, Level> stock = stock();
        assertThat(stock).allSatisfy((sku, level) -> assertThat(level.units()).as(sku)
                .isEqualTo(SEEDED_UNITS.get(sku)));
        assertThat(stock.get("SKU-BOOK").deducted()).isGreaterThanOrEqualTo(7);
        assertThat(stock.get("SKU-RARE")).isEqualTo(new Level(0, 0, 0));
    }

    private Map<String, Level> stock() {
        return jdbc.query("SELECT sku, on_hand, reserved, deducted FROM stock", (rs, i) -> Map.entry(
                rs.getString("sku"), new Level(rs.getInt("on_hand"), rs.getInt("reserved"), rs.getInt("deducted"))))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The order's reservations as "STATUS quantity" per SKU. */
    private Map<String, String> reservations(UUID orderId) {
        return jdbc.query("SELECT sku, status, quantity FROM reservation WHERE order_id = ?", (rs, i) -> Map.entry(
                rs.getString("sku"), rs.getString("status") + " " + rs.getInt("quantity")), orderId)
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Where the units of one SKU are. */
    private record Level(int onHand, int reserved, int deducted) {
        int units() {
            return onHand + reserved + deducted;
        }

        Level reserve(int quantity) {
            return new Level(onHand - quantity, reserved + quantity, deducted);
        }

        Level deduct(int quantity) {
            return new Level(onHand - quantity, reserved, deducted + quantity);
        }
    }
}
