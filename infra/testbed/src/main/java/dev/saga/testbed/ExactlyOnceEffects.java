package dev.saga.testbed;

import java.util.ArrayList;
import java.util.List;

/**
 * Invariant 4 of the design (§6): each command's effect happened exactly once. Every command the orchestrator
 * sent for a finished saga was recorded by its participant's inbox (the inbox key makes "more than once"
 * impossible; this proves "not zero"), no inbox holds a command nobody sent, no effect exists twice, and each
 * saga's outcome left exactly the effects that outcome means. Each step's command, a parallel branch's too, went out
 * under one message id, so "recorded once" holds per step and branch.
 */
final class ExactlyOnceEffects {

    private static final String DUPLICATE_EFFECTS = """
            SELECT coalesce(sum(n - 1), 0) FROM (
              SELECT count(*) AS n FROM payment.ledger_entry GROUP BY order_id, kind HAVING count(*) > 1
              UNION ALL SELECT count(*) FROM payment.authorization_hold GROUP BY order_id HAVING count(*) > 1
              UNION ALL SELECT count(*) FROM shipping.shipment GROUP BY order_id HAVING count(*) > 1
              UNION ALL SELECT count(*) FROM inventory.reservation GROUP BY order_id, sku HAVING count(*) > 1
              UNION ALL SELECT count(*) FROM notification.notification GROUP BY saga_id HAVING count(*) > 1
            ) effects""";

    private final Tables tables;

    ExactlyOnceEffects(Tables tables) {
        this.tables = tables;
    }

    List<Verdict> check(Expectations expected) {
        List<Verdict> verdicts = new ArrayList<>();
        checkCommandsRecorded(verdicts, expected);
        long duplicates = duplicateEffects();
        verdicts.add(Verdict.of(duplicates == 0, "no effect twice (per order: one hold, one capture, one"
                + " shipment, one reservation per SKU; one notification per saga)", duplicates));
        checkEffectsMatchOutcomes(verdicts);
        return verdicts;
    }

    /** Effects beyond the first of their kind: per order a hold, a capture, a shipment, a reservation per SKU. */
    long duplicateEffects() {
        return tables.count(DUPLICATE_EFFECTS);
    }

    private void checkCommandsRecorded(List<Verdict> verdicts, Expectations expected) {
        // Every attempt of a step, and of each branch of a parallel group, resends the same message id, so the
        // participant's inbox records the command once however often it was sent.
        long steps = tables.count("""
                SELECT count(*) FROM (SELECT saga_id, step FROM orchestrator.saga_timeline WHERE kind = 'COMMAND_SENT'
                                      GROUP BY saga_id, step HAVING count(DISTINCT message_id) <> 1) s""");
        verdicts.add(Verdict.of(steps == 0, "each step's and each branch's command went out under one message id",
                steps + " steps sent under several"));
        for (Service participant : SystemTopology.commandedParticipants()) {
            String inbox = participant.schema() + ".inbox";
            long unrecorded = tables.count("""
                    SELECT count(DISTINCT t.message_id) FROM orchestrator.saga_timeline t
                    JOIN orchestrator.saga s ON s.id = t.saga_id
                    WHERE t.kind IN ('COMMAND_SENT', 'COMPENSATION_SENT')
                      AND split_part(t.message_type, '.', 1) = '%s' AND %s
                      AND NOT EXISTS (SELECT 1 FROM %s i WHERE i.message_id = t.message_id)"""
                    .formatted(participant.name(), expected.finished("s.business_key"), inbox));
            verdicts.add(Verdict.of(unrecorded == 0, participant.name() + " handled every command of the finished"
                    + " sagas", unrecorded + " never recorded in its inbox"));
            long unsent = tables.count("SELECT count(*) FROM " + inbox + " i WHERE NOT EXISTS (SELECT 1 FROM"
                    + " orchestrator.saga_timeline t WHERE t.message_id = i.message_id)");
            verdicts.add(Verdict.of(unsent == 0, participant.name() + " handled only commands the orchestrator sent",
                    unsent + " inbox rows for unsent commands"));
        }
    }

    /**
     * Completed orders were captured, shipped and approved once (cancelled, if their cancellation completed);
     * compensated ones none of that. A saga that never asked for a shipment (a definition version without the
     * step, such as the tests' "digital goods" release) must have none. A completed
     * cancellation refunded once, cancelled the shipment, put the stock back and cancelled the order; a refused
     * one left the order approved and paid.
     */
    private void checkEffectsMatchOutcomes(List<Verdict> verdicts) {
        long completed = tables.count("""
                SELECT count(*) FROM orchestrator.saga s
                WHERE s.type = 'order-fulfilment' AND s.status = 'COMPLETED' AND (
                  (SELECT count(*) FROM payment.ledger_entry l
                   WHERE l.order_id::text = s.business_key AND l.kind = 'CAPTURE') <> 1
                  OR (SELECT count(*) FROM shipping.shipment h WHERE h.order_id::text = s.business_key)
                     <> CASE WHEN EXISTS (SELECT 1 FROM orchestrator.saga_timeline t WHERE t.saga_id = s.id
                                          AND t.kind = 'COMMAND_SENT' AND t.step = 'schedule-shipment')
                        THEN 1 ELSE 0 END
                  OR (SELECT status FROM orders.orders o WHERE o.id::text = s.business_key)
                     <> CASE WHEN EXISTS (SELECT 1 FROM orchestrator.saga c WHERE c.type = 'order-cancellation'
                                          AND c.business_key = s.business_key AND c.status = 'COMPLETED')
                        THEN 'CANCELLED' ELSE 'APPROVED' END)""");
        verdicts.add(Verdict.of(completed == 0, "completed sagas captured, shipped and approved once", completed));
        long compensated = tables.count("""
                SELECT count(*) FROM orchestrator.saga s
                WHERE s.type = 'order-fulfilment' AND s.status = 'COMPENSATED' AND (
                  (SELECT count(*) FROM payment.ledger_entry l WHERE l.order_id::text = s.business_key) <> 0
                  OR (SELECT count(*) FROM shipping.shipment h WHERE h.order_id::text = s.business_key) <> 0
                  OR (SELECT status FROM orders.orders o WHERE o.id::text = s.business_key) <> 'REJECTED')""");
        verdicts.add(Verdict.of(compensated == 0, "compensated sagas neither captured nor shipped, and rejected",
                compensated));
        long cancelled = tables.count("""
                SELECT count(*) FROM orchestrator.saga s
                WHERE s.type = 'order-cancellation' AND s.status = 'COMPLETED' AND (
                  (SELECT count(*) FROM payment.ledger_entry l
                   WHERE l.order_id::text = s.business_key AND l.kind = 'REFUND') <> 1
                  OR (SELECT status FROM shipping.shipment h WHERE h.order_id::text = s.business_key) <> 'CANCELLED'
                  OR EXISTS (SELECT 1 FROM inventory.reservation r
                             WHERE r.order_id::text = s.business_key AND r.status <> 'RESTOCKED')
                  OR (SELECT status FROM orders.orders o WHERE o.id::text = s.business_key) <> 'CANCELLED')""");
        verdicts.add(Verdict.of(cancelled == 0, "completed cancellations refunded once, with the shipment"
                + " cancelled, the lines restocked and the order cancelled", cancelled));
        long refused = tables.count("""
                SELECT count(*) FROM orchestrator.saga s
                WHERE s.type = 'order-cancellation' AND s.status = 'COMPENSATED' AND (
                  (SELECT count(*) FROM payment.ledger_entry l
                   WHERE l.order_id::text = s.business_key AND l.kind = 'REFUND') <> 0
                  OR (SELECT status FROM shipping.shipment h WHERE h.order_id::text = s.business_key) = 'CANCELLED'
                  OR (SELECT status FROM orders.orders o WHERE o.id::text = s.business_key) <> 'APPROVED')""");
        verdicts.add(Verdict.of(refused == 0, "refused cancellations left the order approved and paid", refused));
        long notifiedAgain = tables.count("SELECT count(*) FROM (SELECT saga_id FROM notification.notification"
                + " GROUP BY saga_id HAVING count(*) <> 1) n");
        verdicts.add(Verdict.of(notifiedAgain == 0, "sagas notified once", notifiedAgain + " notified otherwise"));
    }
}
