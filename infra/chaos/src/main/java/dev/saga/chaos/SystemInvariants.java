package dev.saga.chaos;

import dev.saga.testbed.Service;
import dev.saga.testbed.SystemTopology;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The design's invariants (DESIGN §6, as {@code infra/system-tests}' {@code Invariants} checks them), read
 * from the services' tables in the private database, the orchestrator's admin API and the broker:
 * every saga ended, nothing lost, stock and money conserved, every command's effect exactly once, outboxes
 * drained, parking queues holding only what the scenario poisoned.
 */
final class SystemInvariants {

    private static final String DUPLICATE_EFFECTS = """
            SELECT coalesce(sum(n - 1), 0) FROM (
              SELECT count(*) AS n FROM payment.ledger_entry GROUP BY order_id, kind HAVING count(*) > 1
              UNION ALL SELECT count(*) FROM payment.authorization_hold GROUP BY order_id HAVING count(*) > 1
              UNION ALL SELECT count(*) FROM shipping.shipment GROUP BY order_id HAVING count(*) > 1
              UNION ALL SELECT count(*) FROM inventory.reservation GROUP BY order_id, sku HAVING count(*) > 1
              UNION ALL SELECT count(*) FROM notification.notification GROUP BY saga_id HAVING count(*) > 1
            ) effects""";

    private final Database db;
    private final AdminApi admin;
    private final ParkingCheck parking;

    SystemInvariants(Database db, AdminApi admin, Broker broker) {
        this.db = db;
        this.admin = admin;
        this.parking = new ParkingCheck(broker);
    }

    Verdict check(Instant start, Map<String, OrderPath> accepted, Map<String, Integer> poisoned, Baseline baseline) {
        Verdict verdict = new Verdict();
        countOutcomes(verdict, start);
        checkNothingLost(verdict, start, accepted);
        checkOutcomesMatchPaths(verdict, accepted);
        checkStock(verdict, baseline);
        checkMoney(verdict, baseline);
        checkExactlyOnce(verdict);
        checkEffectsMatchOutcomes(verdict);
        checkDrained(verdict);
        parking.check(verdict, poisoned);
        return verdict;
    }

    /** Through the admin API, as an operator would count them. */
    private void countOutcomes(Verdict verdict, Instant start) {
        Map<String, Long> counts = admin.countsByStatus(start);
        verdict.completed = counts.getOrDefault("COMPLETED", 0L);
        verdict.compensated = counts.getOrDefault("COMPENSATED", 0L);
        verdict.stuck = counts.getOrDefault("STUCK", 0L);
        verdict.failed = counts.getOrDefault("FAILED", 0L);
        verdict.unfinished = counts.getOrDefault("RUNNING", 0L) + counts.getOrDefault("COMPENSATING", 0L);
        verdict.expect(verdict.stuck + verdict.failed + verdict.unfinished == 0, "every saga terminal",
                counts);
        long fromDb = db.count("SELECT count(*) FROM orchestrator.saga WHERE created_at >= ?", Timestamp.from(start));
        long fromApi = counts.values().stream().mapToLong(Long::longValue).sum();
        verdict.expect(fromDb == fromApi, "admin API agrees with the database",
                "API lists " + fromApi + " sagas, the saga table " + fromDb);
        String timeline = "SELECT count(*) FROM orchestrator.saga_timeline t"
                + " JOIN orchestrator.saga s ON s.id = t.saga_id WHERE s.created_at >= ? AND t.kind = ?";
        verdict.deadlinesFired = db.count(timeline, Timestamp.from(start), "DEADLINE_FIRED");
        verdict.repliesIgnored = db.count(timeline, Timestamp.from(start), "REPLY_IGNORED");
    }

    /** Lost: accepted (or stored) orders without a saga, or whose saga never ended. */
    private void checkNothingLost(Verdict verdict, Instant start, Map<String, OrderPath> accepted) {
        Object ids = Database.textArray(accepted.keySet());
        List<String> lost = new ArrayList<>(db.strings("""
                SELECT a.id FROM unnest(?::text[]) AS a(id)
                LEFT JOIN orchestrator.saga s ON s.type = 'order-fulfilment' AND s.business_key = a.id
                WHERE s.id IS NULL OR s.status IN ('RUNNING', 'COMPENSATING')""", ids));
        lost.addAll(db.strings("SELECT o.id::text " + RecoveryClock.UNSETTLED
                + " AND o.created_at >= ? AND NOT (o.id::text = ANY(?))", Timestamp.from(start), ids));
        List<String> neverStored = db.strings("""
                SELECT a.id FROM unnest(?::text[]) AS a(id)
                WHERE NOT EXISTS (SELECT 1 FROM orders.orders o WHERE o.id::text = a.id)""", ids);
        verdict.lost = lost.size() + neverStored.size();
        verdict.expect(lost.isEmpty(), "no order lost (each has a saga that ended)", examples(lost));
        verdict.expect(neverStored.isEmpty(), "every accepted order stored", examples(neverStored));
    }

    private void checkOutcomesMatchPaths(Verdict verdict, Map<String, OrderPath> accepted) {
        Map<String, String> statuses = db.pairs("""
                SELECT business_key, status FROM orchestrator.saga
                WHERE type = 'order-fulfilment' AND business_key = ANY(?)""", Database.textArray(accepted.keySet()));
        List<String> wrong = new ArrayList<>();
        statuses.forEach((order, status) -> {
            OrderPath path = accepted.get(order);
            if ((status.equals("COMPLETED") || status.equals("COMPENSATED")) && !status.equals(path.expectedStatus())) {
                wrong.add(order + " (" + path.label() + ") ended " + status);
            }
        });
        verdict.expect(wrong.isEmpty(), "each path ends as the data says", examples(wrong));
    }

    private void checkStock(Verdict verdict, Baseline baseline) {
        Map<String, Long> now = db.totals(Baseline.STOCK);
        verdict.expect(now.equals(baseline.stockPerSku()), "stock conserved (on hand + reserved + deducted per SKU)",
                "was " + baseline.stockPerSku() + ", now " + now);
        verdict.expect(db.totals("SELECT sku, reserved FROM inventory.stock").equals(db.totals("""
                SELECT s.sku, coalesce(sum(r.quantity) FILTER (WHERE r.status = 'RESERVED'), 0)
                FROM inventory.stock s LEFT JOIN inventory.reservation r ON r.sku = s.sku GROUP BY s.sku""")),
                "stock reserved per SKU equals its open reservations", "reserved column and reservations differ");
        verdict.expect(db.totals("SELECT sku, deducted FROM inventory.stock").equals(db.totals("""
                SELECT s.sku, coalesce(sum(r.quantity) FILTER (WHERE r.status = 'DEDUCTED'), 0)
                FROM inventory.stock s LEFT JOIN inventory.reservation r ON r.sku = s.sku GROUP BY s.sku""")),
                "stock deducted per SKU equals its deducted reservations (each deduction once)",
                "deducted column and reservations differ");
        long held = db.count("""
                SELECT count(*) FROM inventory.reservation r JOIN orchestrator.saga s
                  ON s.type = 'order-fulfilment' AND s.business_key = r.order_id::text
                WHERE r.status = 'RESERVED' AND s.status IN ('COMPLETED', 'COMPENSATED', 'FAILED')""");
        verdict.expect(held == 0, "no stock held for ended sagas", held + " reservations");
    }

    private void checkMoney(Verdict verdict, Baseline baseline) {
        long open = db.count("""
                SELECT count(*) FROM payment.authorization_hold h JOIN orchestrator.saga s
                  ON s.type = 'order-fulfilment' AND s.business_key = h.order_id::text
                WHERE h.status = 'AUTHORIZED' AND s.status IN ('COMPLETED', 'COMPENSATED', 'FAILED')""");
        verdict.expect(open == 0, "every authorization of an ended saga captured or voided", open + " still held");
        verdict.expect(db.totals("SELECT id, held_cents FROM payment.account").equals(db.totals("""
                SELECT a.id, coalesce(sum(h.amount_cents) FILTER (WHERE h.status = 'AUTHORIZED'), 0)
                FROM payment.account a LEFT JOIN payment.authorization_hold h ON h.account_id = a.id
                GROUP BY a.id""")), "money held per account equals its open authorizations", "they differ");
        Map<String, Long> now = db.totals(Baseline.MONEY);
        verdict.expect(now.equals(baseline.moneyPerAccount()), "money conserved (balance minus ledger per account)",
                "was " + baseline.moneyPerAccount() + ", now " + now);
        long captured = db.count("SELECT coalesce(sum(amount_cents), 0) FROM payment.authorization_hold"
                + " WHERE status = 'CAPTURED'");
        long debited = -db.count("SELECT coalesce(sum(amount_cents), 0) FROM payment.ledger_entry");
        verdict.expect(captured == debited, "captured equals debited", captured + " captured, " + debited
                + " debited");
    }

    /** Every command of an ended saga recorded by its participant's inbox; no inbox row for an unsent command. */
    private void checkExactlyOnce(Verdict verdict) {
        for (Service service : SystemTopology.commandedParticipants()) {
            String participant = service.name();
            String schema = service.schema();
            long unrecorded = db.count("""
                    SELECT count(DISTINCT t.message_id) FROM orchestrator.saga_timeline t
                    JOIN orchestrator.saga s ON s.id = t.saga_id
                    WHERE t.kind IN ('COMMAND_SENT', 'COMPENSATION_SENT') AND split_part(t.message_type, '.', 1) = ?
                      AND s.status IN ('COMPLETED', 'COMPENSATED') AND NOT EXISTS (SELECT 1 FROM\s"""
                    + schema + ".inbox i WHERE i.message_id = t.message_id)", participant);
            verdict.expect(unrecorded == 0, participant + " handled every command of the ended sagas",
                    unrecorded + " never recorded in its inbox");
            long unsent = db.count("SELECT count(*) FROM " + schema + ".inbox i WHERE NOT EXISTS (SELECT 1 FROM"
                    + " orchestrator.saga_timeline t WHERE t.message_id = i.message_id)");
            verdict.expect(unsent == 0, participant + " handled only commands the orchestrator sent",
                    unsent + " inbox rows for unsent commands");
        }
        verdict.duplicateEffects = db.count(DUPLICATE_EFFECTS);
        verdict.expect(verdict.duplicateEffects == 0, "no effect twice (per order: one hold, one capture, one"
                + " shipment, one reservation per SKU; one notification per saga)", verdict.duplicateEffects);
    }

    private void checkEffectsMatchOutcomes(Verdict verdict) {
        long completedWrong = db.count("""
                SELECT count(*) FROM orchestrator.saga s WHERE s.status = 'COMPLETED' AND (
                  (SELECT count(*) FROM payment.ledger_entry l WHERE l.order_id::text = s.business_key) <> 1
                  OR (SELECT count(*) FROM shipping.shipment h WHERE h.order_id::text = s.business_key) <> 1
                  OR (SELECT status FROM orders.orders o WHERE o.id::text = s.business_key) <> 'APPROVED')""");
        verdict.expect(completedWrong == 0, "completed sagas captured, shipped and approved once", completedWrong);
        long compensatedWrong = db.count("""
                SELECT count(*) FROM orchestrator.saga s WHERE s.status = 'COMPENSATED' AND (
                  (SELECT count(*) FROM payment.ledger_entry l WHERE l.order_id::text = s.business_key) <> 0
                  OR (SELECT count(*) FROM shipping.shipment h WHERE h.order_id::text = s.business_key) <> 0
                  OR (SELECT status FROM orders.orders o WHERE o.id::text = s.business_key) <> 'REJECTED')""");
        verdict.expect(compensatedWrong == 0, "compensated sagas neither captured nor shipped, and rejected",
                compensatedWrong);
        long unnotified = db.count("SELECT count(*) FROM orchestrator.saga s WHERE s.status <> 'STUCK' AND NOT EXISTS"
                + " (SELECT 1 FROM notification.notification n WHERE n.saga_id = s.id)");
        verdict.expect(unnotified == 0, "every ended saga notified", unnotified + " not notified");
    }

    private void checkDrained(Verdict verdict) {
        for (String schema : SystemTopology.schemas()) {
            long rows = db.count("SELECT count(*) FROM " + schema + ".outbox");
            verdict.expect(rows == 0, schema + " outbox drained", rows + " rows left");
        }
    }

    private static String examples(List<String> items) {
        return items.size() + (items.isEmpty() ? "" : " e.g. " + items.subList(0, Math.min(5, items.size())));
    }
}
