package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.testbed.Service;
import dev.saga.testbed.SystemTopology;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.core.JdbcTemplate;

/** The invariants of the design (§6), checked through the services' own tables and the broker. */
final class Invariants {

    private final JdbcTemplate db;
    private final Map<String, Long> seededStock;
    private final Map<String, Long> seededBalances;
    private final Set<String> unfinished = new TreeSet<>();
    private final Set<String> poisoned = new TreeSet<>();

    private Invariants(JdbcTemplate db) {
        this.db = db;
        this.seededStock = totals("SELECT sku, on_hand + reserved + deducted FROM inventory.stock");
        this.seededBalances = totals("""
                SELECT a.id, a.balance_cents - coalesce(sum(l.amount_cents), 0) FROM payment.account a
                LEFT JOIN payment.ledger_entry l ON l.account_id = a.id GROUP BY a.id, a.balance_cents""");
    }

    /** Remembers the seeded totals; call before the first order. */
    static Invariants seededFrom(JdbcTemplate db) {
        return new Invariants(db);
    }

    /** The scenario means this order's saga to end STUCK or FAILED, holding what it holds. */
    void expectUnfinished(UUID order) {
        unfinished.add(order.toString());
    }

    /** The scenario means messages to end in this parking queue. */
    void expectParked(String queue) {
        poisoned.add(queue);
    }

    /** Waits until the system is quiet, then checks every invariant. */
    void assertAllHold(RabbitAdmin admin) {
        await("every saga terminal and every outbox drained").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(count("SELECT count(*) FROM orchestrator.saga WHERE status NOT IN ('COMPLETED','COMPENSATED')"
                    + " AND " + finished("business_key"))).as("sagas not yet terminal").isZero();
            assertThat(count("SELECT count(*) FROM orchestrator.saga WHERE status NOT IN ('STUCK','FAILED')"
                    + " AND NOT " + finished("business_key"))).as("sagas the scenario leaves unfinished").isZero();
            for (String schema : SystemTopology.schemas()) {
                assertThat(count("SELECT count(*) FROM " + schema + ".outbox")).as(schema + " outbox").isZero();
            }
            assertThat(count("SELECT count(*) FROM notification.inbox")).as("one outcome event handled per saga")
                    .isEqualTo(count("SELECT count(*) FROM orchestrator.saga WHERE status <> 'STUCK'"));
        });
        assertStockConserved();
        assertMoneyConserved();
        assertEachCommandHandledOnce();
        assertEffectsMatchOutcomes();
        for (String queue : SystemTopology.parkingQueues()) {
            if (!poisoned.contains(queue)) {
                assertThat(admin.getQueueInfo(queue).getMessageCount()).as(queue + " depth").isZero();
            }
        }
    }

    private void assertStockConserved() {
        assertThat(totals("SELECT sku, on_hand + reserved + deducted FROM inventory.stock"))
                .as("on hand + reserved + deducted per SKU").isEqualTo(seededStock);
        assertThat(count("SELECT coalesce(sum(reserved), 0) FROM inventory.stock")).as("stock held")
                .isEqualTo(count("SELECT coalesce(sum(quantity), 0) FROM inventory.reservation"
                        + " WHERE status = 'RESERVED'"));
        assertThat(count("SELECT count(*) FROM inventory.reservation WHERE status = 'RESERVED' AND "
                + finished("order_id::text"))).as("stock held for finished sagas").isZero();
    }

    private void assertMoneyConserved() {
        assertThat(count("SELECT count(*) FROM payment.authorization_hold WHERE status = 'AUTHORIZED' AND "
                + finished("order_id::text"))).as("authorizations of finished sagas neither captured nor voided")
                .isZero();
        assertThat(count("SELECT coalesce(sum(held_cents), 0) FROM payment.account")).as("money held")
                .isEqualTo(count("SELECT coalesce(sum(amount_cents), 0) FROM payment.authorization_hold"
                        + " WHERE status = 'AUTHORIZED'"));
        assertThat(totals("""
                SELECT a.id, a.balance_cents - coalesce(sum(l.amount_cents), 0) FROM payment.account a
                LEFT JOIN payment.ledger_entry l ON l.account_id = a.id GROUP BY a.id, a.balance_cents"""))
                .as("balance minus ledger per account").isEqualTo(seededBalances);
        long captured = count("SELECT coalesce(sum(amount_cents), 0) FROM payment.authorization_hold"
                + " WHERE status = 'CAPTURED'");
        long debited = -count("SELECT coalesce(sum(amount_cents), 0) FROM payment.ledger_entry");
        assertThat(captured).as("captured equals debited").isEqualTo(debited);
    }

    /**
     * Every distinct command the orchestrator sent for a finished saga was recorded exactly once by its
     * participant's inbox (the inbox key makes "more than once" impossible; this proves "not zero"), and no
     * inbox holds a command the orchestrator never sent.
     */
    private void assertEachCommandHandledOnce() {
        for (Service service : SystemTopology.commandedParticipants()) {
            String participant = service.name();
            String schema = service.schema();
            assertThat(count("""
                    SELECT count(DISTINCT t.message_id) FROM orchestrator.saga_timeline t
                    JOIN orchestrator.saga s ON s.id = t.saga_id
                    WHERE t.kind IN ('COMMAND_SENT', 'COMPENSATION_SENT') AND split_part(t.message_type, '.', 1) = '"""
                    + participant + "' AND " + finished("s.business_key") + " AND NOT EXISTS (SELECT 1 FROM "
                    + schema + ".inbox i WHERE i.message_id = t.message_id)"))
                    .as(participant + " commands of finished sagas that its inbox never recorded").isZero();
            assertThat(count("SELECT count(*) FROM " + schema + ".inbox i WHERE NOT EXISTS (SELECT 1 FROM"
                    + " orchestrator.saga_timeline t WHERE t.message_id = i.message_id)"))
                    .as(participant + " inbox rows for commands never sent").isZero();
        }
    }

    /** SQL condition: the business key is not one the scenario leaves unfinished. */
    private String finished(String column) {
        if (unfinished.isEmpty()) {
            return "true";
        }
        return column + " NOT IN (" + unfinished.stream().map(k -> "'" + k + "'")
                .collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Completed orders were captured, shipped and approved once (cancelled, if their cancellation completed);
     * compensated ones none of that. Version 2 of the order-fulfilment saga (deployed by
     * {@code DefinitionVersionsSystemIT}) ships nothing. A completed cancellation refunded once, cancelled the
     * shipment, put the stock back and cancelled the order; a compensated one left the order approved and paid.
     */
    private void assertEffectsMatchOutcomes() {
        assertThat(count("""
                SELECT count(*) FROM orchestrator.saga s
                WHERE s.type = 'order-fulfilment' AND s.status = 'COMPLETED' AND (
                  (SELECT count(*) FROM payment.ledger_entry l
                   WHERE l.order_id::text = s.business_key AND l.kind = 'CAPTURE') <> 1
                  OR (SELECT count(*) FROM shipping.shipment h WHERE h.order_id::text = s.business_key)
                     <> CASE s.definition_version WHEN 2 THEN 0 ELSE 1 END
                  OR (SELECT status FROM orders.orders o WHERE o.id::text = s.business_key)
                     <> CASE WHEN EXISTS (SELECT 1 FROM orchestrator.saga c WHERE c.type = 'order-cancellation'
                                          AND c.business_key = s.business_key AND c.status = 'COMPLETED')
                        THEN 'CANCELLED' ELSE 'APPROVED' END)"""))
                .as("completed sagas without exactly one capture, one shipment and an approved order").isZero();
        assertThat(count("""
                SELECT count(*) FROM orchestrator.saga s
                WHERE s.type = 'order-fulfilment' AND s.status = 'COMPENSATED' AND (
                  (SELECT count(*) FROM payment.ledger_entry l WHERE l.order_id::text = s.business_key) <> 0
                  OR (SELECT count(*) FROM shipping.shipment h WHERE h.order_id::text = s.business_key) <> 0
                  OR (SELECT status FROM orders.orders o WHERE o.id::text = s.business_key) <> 'REJECTED')"""))
                .as("compensated sagas with a capture, a shipment or an order not rejected").isZero();
        assertThat(count("""
                SELECT count(*) FROM orchestrator.saga s
                WHERE s.type = 'order-cancellation' AND s.status = 'COMPLETED' AND (
                  (SELECT count(*) FROM payment.ledger_entry l
                   WHERE l.order_id::text = s.business_key AND l.kind = 'REFUND') <> 1
                  OR (SELECT status FROM shipping.shipment h WHERE h.order_id::text = s.business_key) <> 'CANCELLED'
                  OR EXISTS (SELECT 1 FROM inventory.reservation r
                             WHERE r.order_id::text = s.business_key AND r.status <> 'RESTOCKED')
                  OR (SELECT status FROM orders.orders o WHERE o.id::text = s.business_key) <> 'CANCELLED')"""))
                .as("completed cancellations without one refund, a cancelled shipment, restocked lines and a"
                        + " cancelled order").isZero();
        assertThat(count("""
                SELECT count(*) FROM orchestrator.saga s
                WHERE s.type = 'order-cancellation' AND s.status = 'COMPENSATED' AND (
                  (SELECT count(*) FROM payment.ledger_entry l
                   WHERE l.order_id::text = s.business_key AND l.kind = 'REFUND') <> 0
                  OR (SELECT status FROM shipping.shipment h WHERE h.order_id::text = s.business_key) = 'CANCELLED'
                  OR (SELECT status FROM orders.orders o WHERE o.id::text = s.business_key) <> 'APPROVED')"""))
                .as("refused cancellations with a refund, a cancelled shipment or an order not approved").isZero();
        assertThat(count("SELECT count(*) FROM (SELECT saga_id FROM notification.notification GROUP BY saga_id"
                + " HAVING count(*) <> 1) n")).as("sagas notified other than once").isZero();
    }

    private long count(String sql) {
        Long value = db.queryForObject(sql, Long.class);
        return value == null ? 0 : value;
    }

    private Map<String, Long> totals(String sql) {
        return db.query(sql, (rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
