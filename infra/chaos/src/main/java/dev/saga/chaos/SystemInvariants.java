package dev.saga.chaos;

import dev.saga.testbed.Baseline;
import dev.saga.testbed.DesignInvariants;
import dev.saga.testbed.Expectations;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenario's verdict: the design's invariants (DESIGN §6, the testbed's, as the system tests check them),
 * read from the services' tables in the private database and the broker, and what only a stream of orders
 * can tell, through the orchestrator's admin API and the accepted orders: the API counts what the database
 * holds, no accepted order was lost, and each ended as its path says.
 */
final class SystemInvariants {

    private final Database db;
    private final AdminApi admin;
    private final ParkingCheck parking;

    SystemInvariants(Database db, AdminApi admin, Broker broker) {
        this.db = db;
        this.admin = admin;
        this.parking = new ParkingCheck(broker);
    }

    ScenarioVerdict check(Instant start, Map<String, OrderPath> accepted, Map<String, Integer> poisoned,
                          Baseline baseline) {
        ScenarioVerdict verdict = new ScenarioVerdict();
        countOutcomes(verdict, start);
        checkNothingLost(verdict, start, accepted);
        checkOutcomesMatchPaths(verdict, accepted);
        Expectations expected = new Expectations();
        poisoned.forEach(expected::poisoned);
        // What an earlier scenario left stuck or failed failed that scenario; it does not fail this one again.
        db.strings("SELECT business_key FROM orchestrator.saga WHERE created_at < ? AND status IN ('STUCK', 'FAILED')",
                Timestamp.from(start)).forEach(expected::unfinished);
        DesignInvariants design = new DesignInvariants(db, baseline);
        verdict.expectAll(design.all(parking.observe(verdict, poisoned), expected));
        verdict.duplicateEffects = design.duplicateEffects();
        return verdict;
    }

    /** Through the admin API, as an operator would count them; the design's invariants say whether all ended. */
    private void countOutcomes(ScenarioVerdict verdict, Instant start) {
        Map<String, Long> counts = admin.countsByStatus(start);
        verdict.completed = counts.getOrDefault("COMPLETED", 0L);
        verdict.compensated = counts.getOrDefault("COMPENSATED", 0L);
        verdict.stuck = counts.getOrDefault("STUCK", 0L);
        verdict.failed = counts.getOrDefault("FAILED", 0L);
        verdict.unfinished = counts.getOrDefault("RUNNING", 0L) + counts.getOrDefault("COMPENSATING", 0L);
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
    private void checkNothingLost(ScenarioVerdict verdict, Instant start, Map<String, OrderPath> accepted) {
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

    private void checkOutcomesMatchPaths(ScenarioVerdict verdict, Map<String, OrderPath> accepted) {
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

    private static String examples(List<String> items) {
        return items.size() + (items.isEmpty() ? "" : " e.g. " + items.subList(0, Math.min(5, items.size())));
    }
}
