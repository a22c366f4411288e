package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.RealServices;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import dev.saga.test.orderfulfilment.OrderFulfilmentPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The order-fulfilment saga end to end: orders placed over HTTP, the orchestrator and five participants
 * talking through RabbitMQ, every effect in PostgreSQL. After each scenario the design's invariants hold. The
 * commands, compensations and outcome of each path are the rows of {@link OrderFulfilmentPath}, the table the saga
 * test kit asserts in memory too; the seeded data brings each path about.
 */
class OrderFulfilmentSystemIT {

    @RegisterExtension
    static final SystemUnderTest SUT = new SystemUnderTest(() -> RunningSystem.start());

    @Test
    void completesTheSagaAndApprovesTheOrderOnTheHappyPath() throws Exception {
        UUID order = placeOrder("alice", "SKU-BOOK", 2);

        assertFollowed(order, OrderFulfilmentPath.HAPPY);
        assertThat(orderStatus(order)).isEqualTo("APPROVED");
        assertThat(scalar("SELECT status FROM payment.authorization_hold WHERE order_id = ?", order))
                .isEqualTo("CAPTURED");
        assertThat(scalar("SELECT status FROM inventory.reservation WHERE order_id = ?", order)).isEqualTo("DEDUCTED");
        assertThat(scalar("SELECT outcome FROM notification.notification WHERE business_key = ?", order.toString()))
                .isEqualToIgnoringCase("COMPLETED");
    }

    @Test
    void rejectsTheOrderWhenStockIsUnavailable() throws Exception {
        UUID order = placeOrder("alice", "SKU-RARE", 1);

        assertFollowed(order, OrderFulfilmentPath.STOCK_UNAVAILABLE);
        assertThat(orderStatus(order)).isEqualTo("REJECTED");
        assertThat(scalar("SELECT rejection_reason FROM orders.orders WHERE id = ?", order)).contains("SKU-RARE");
        assertThat(scalar("SELECT count(*)::text FROM payment.authorization_hold WHERE order_id = ?", order))
                .isEqualTo("0");
    }

    @Test
    void releasesStockWhenPaymentIsDeclined() throws Exception {
        UUID order = placeOrder("bob", "SKU-BOOK", 1);

        assertFollowed(order, OrderFulfilmentPath.PAYMENT_DECLINED);
        assertThat(orderStatus(order)).isEqualTo("REJECTED");
        assertThat(scalar("SELECT status FROM inventory.reservation WHERE order_id = ?", order)).isEqualTo("RELEASED");
        assertThat(scalar("SELECT rejection_reason FROM orders.orders WHERE id = ?", order)).contains("bob");
    }

    @Test
    void voidsPaymentAndReleasesStockWhenInventoryDeductionFails() throws Exception {
        UUID order = placeOrder("alice", "SKU-DAMAGED", 1);

        assertFollowed(order, OrderFulfilmentPath.INVENTORY_DEDUCTION_FAILED);
        assertThat(orderStatus(order)).isEqualTo("REJECTED");
        assertThat(scalar("SELECT status FROM payment.authorization_hold WHERE order_id = ?", order))
                .isEqualTo("VOIDED");
        assertThat(scalar("SELECT status FROM inventory.reservation WHERE order_id = ?", order)).isEqualTo("RELEASED");
    }

    @Test
    void aDuplicateOrderCreatedStartsNoSecondSaga() throws Exception {
        UUID order = placeOrder("carol", "SKU-MUG", 1);
        awaitSaga(order, "COMPLETED");
        int commandsBefore = commandsSent(order).size();

        OrderCreated again = new OrderCreated(order, "carol", List.of(new OrderLine("SKU-MUG", 1)), 1200);
        publish(Topology.EVENTS, "order.created", Envelope.event(MessageTypes.nameOf(OrderCreated.class)), again);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                timelineKinds(order)).contains("START_IGNORED"));
        assertThat(scalar("SELECT count(*)::text FROM orchestrator.saga WHERE business_key = ?", order.toString()))
                .isEqualTo("1");
        assertThat(commandsSent(order)).hasSize(commandsBefore);
    }

    @Test
    void aDuplicateCommandDeliveryHasNoSecondEffect() throws Exception {
        UUID order = placeOrder("alice", "SKU-MUG", 3);
        awaitSaga(order, "COMPLETED");
        UUID sagaId = OrderFulfilmentSaga.DEFINITION.sagaIdFor(order.toString());
        Map<String, Object> reserve = SUT.system().database().queryForMap("""
                SELECT message_id FROM orchestrator.saga_timeline
                WHERE saga_id = ? AND message_type = 'inventory.ReserveStock'""", sagaId);
        String stockBefore = scalar("SELECT on_hand || '/' || reserved || '/' || deducted FROM inventory.stock"
                + " WHERE sku = ?", "SKU-MUG");

        Envelope duplicate = Envelope.command((UUID) reserve.get("message_id"), "inventory.ReserveStock", sagaId,
                OrderFulfilmentSaga.TYPE, "reserve-stock", 1, OrderFulfilmentSaga.TYPE + ".inventory");
        publish(Topology.COMMANDS, "inventory.reserve-stock", duplicate,
                new dev.saga.contract.inventory.ReserveStock(order, List.of(new OrderLine("SKU-MUG", 3))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(timelineKinds(order))
                .contains("REPLY_IGNORED"));
        assertThat(scalar("SELECT on_hand || '/' || reserved || '/' || deducted FROM inventory.stock WHERE sku = ?",
                "SKU-MUG")).isEqualTo(stockBefore);
        assertThat(scalar("SELECT count(*)::text FROM inventory.reservation WHERE order_id = ?", order))
                .isEqualTo("1");
    }

    @Test
    void aDuplicateReplyMakesNoSecondTransition() {
        UUID order = placeOrder("carol", "SKU-BOOK", 1);
        awaitSaga(order, "COMPLETED");
        Map<String, Object> stored = SUT.system().database().queryForMap("""
                SELECT i.reply_routing_key, i.reply_envelope::text AS envelope, i.reply_body FROM inventory.inbox i
                JOIN orchestrator.saga_timeline t ON t.message_id = i.message_id
                JOIN orchestrator.saga s ON s.id = t.saga_id
                WHERE s.business_key = ? AND i.message_type = 'inventory.ReserveStock'""", order.toString());

        SUT.shop().publishRawAs("inventory", Topology.REPLIES, (String) stored.get("reply_routing_key"),
                (String) stored.get("envelope"),
                (String) stored.get("reply_body"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(timelineKinds(order))
                .contains("REPLY_IGNORED"));
        assertThat(scalar("""
                SELECT count(*)::text FROM orchestrator.saga_timeline t JOIN orchestrator.saga s ON s.id = t.saga_id
                WHERE s.business_key = ? AND t.kind = 'REPLY_APPLIED' AND t.step = 'reserve-stock'""",
                order.toString())).isEqualTo("1");
    }

    @Test
    void aBatchOfOrdersAcrossAllPathsEndsAsEachPathShould() throws Exception {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            expected.put(placeOrder("carol", "SKU-BOOK", 1).toString(), "COMPLETED");
            expected.put(placeOrder("alice", "SKU-RARE", 1).toString(), "COMPENSATED");
            expected.put(placeOrder("dave", "SKU-MUG", 1).toString(), "COMPENSATED");
            expected.put(placeOrder("carol", "SKU-RECOUNT", 2).toString(), "COMPENSATED");
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> expected.forEach((order, state) ->
                assertThat(sagaStatus(UUID.fromString(order))).as("saga of " + order).isEqualTo(state)));
    }

    @Test
    void theExportedDefinitionsFileMatchesWhatTheServicesDeclare() throws Exception {
        TopologyExport declared = TopologyExport.fromBroker(RealServices.managementUrl(), SUT.system().virtualHost());
        TopologyExport exported = TopologyExport.fromFile(Path.of("../rabbitmq/definitions.json"));

        assertThat(exported.exchanges()).isEqualTo(declared.exchanges());
        assertThat(exported.queues()).isEqualTo(declared.queues());
        assertThat(exported.bindings()).isEqualTo(declared.bindings());
        assertThat(declared.queues().get("inventory.commands")).containsEntry("x-queue-type", "quorum")
                .containsEntry("x-dead-letter-exchange", "saga.dead-letter")
                .containsEntry("x-dead-letter-strategy", "at-least-once");
    }

    /** The saga of the order ends as the path's row says, having sent the row's commands and compensations. */
    private void assertFollowed(UUID order, OrderFulfilmentPath path) {
        awaitSaga(order, path.status().name());
        assertThat(commandsSent(order)).as("commands").containsExactlyElementsOf(path.commandTypes());
        assertThat(compensationsSent(order)).as("compensations").containsExactlyElementsOf(path.compensationTypes());
    }

    private UUID placeOrder(String customer, String sku, int quantity) {
        return SUT.shop().placeOrder(customer, sku, quantity);
    }

    private void publish(String exchange, String routingKey, Envelope envelope, Object payload) {
        SUT.shop().publish(exchange, routingKey, envelope, payload);
    }

    private void awaitSaga(UUID order, String status) {
        SUT.shop().awaitSaga(order, status);
    }

    private String sagaStatus(UUID order) {
        return SUT.shop().sagaStatus(order);
    }

    private String orderStatus(UUID order) {
        return SUT.shop().orderStatus(order);
    }

    private List<String> compensationsSent(UUID order) {
        return SUT.shop().timeline(order, "COMPENSATION_SENT");
    }

    private List<String> commandsSent(UUID order) {
        return SUT.shop().timeline(order, "COMMAND_SENT");
    }

    private List<String> timelineKinds(UUID order) {
        return SUT.shop().timelineKinds(order);
    }

    private String scalar(String sql, Object arg) {
        return SUT.shop().scalar(sql, arg);
    }
}
