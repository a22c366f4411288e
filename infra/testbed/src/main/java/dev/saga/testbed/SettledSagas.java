package dev.saga.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Invariants 1 and 5 of the design (§6) as far as they settle over time: every saga ended (or stands where the
 * scenario means it to), every outbox drained, and the outcome of every ended saga heard by the notification
 * service. While messages are still moving these fail; a harness waits for them before the rest.
 */
final class SettledSagas {

    private final Tables tables;

    SettledSagas(Tables tables) {
        this.tables = tables;
    }

    List<Verdict> check(Expectations expected) {
        List<Verdict> verdicts = new ArrayList<>();
        Map<String, Long> notTerminal = tables.totals("SELECT status, count(*) FROM orchestrator.saga"
                + " WHERE status NOT IN ('COMPLETED', 'COMPENSATED') AND " + expected.finished("business_key")
                + " GROUP BY status");
        verdicts.add(Verdict.of(notTerminal.isEmpty(), "every saga terminal", notTerminal));
        long misplaced = tables.count("SELECT count(*) FROM orchestrator.saga WHERE status NOT IN ('STUCK', 'FAILED')"
                + " AND NOT " + expected.finished("business_key"));
        verdicts.add(Verdict.of(misplaced == 0, "sagas the scenario leaves unfinished end STUCK or FAILED",
                misplaced + " elsewhere"));
        for (String schema : SystemTopology.schemas()) {
            long rows = tables.count("SELECT count(*) FROM " + schema + ".outbox");
            verdicts.add(Verdict.of(rows == 0, schema + " outbox drained", rows + " rows left"));
        }
        long handled = tables.count("SELECT count(*) FROM notification.inbox");
        long ended = tables.count("SELECT count(*) FROM orchestrator.saga WHERE status <> 'STUCK'");
        verdicts.add(Verdict.of(handled == ended, "one outcome event handled per ended saga",
                handled + " handled, " + ended + " sagas ended"));
        long unnotified = tables.count("SELECT count(*) FROM orchestrator.saga s WHERE s.status <> 'STUCK'"
                + " AND NOT EXISTS (SELECT 1 FROM notification.notification n WHERE n.saga_id = s.id)");
        verdicts.add(Verdict.of(unnotified == 0, "every ended saga notified", unnotified + " not notified"));
        return verdicts;
    }
}
