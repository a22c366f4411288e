package dev.saga.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.orchestrator.OrchestratorTestBase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A saga's step moves its row in place: no indexed column changes between the start and the end, so PostgreSQL
 * updates the row as a heap-only tuple (HOT) and writes no index entries. Only the move to an end state (a new
 * status) touches an index. The figures come from PostgreSQL's own table statistics.
 */
class SagaRowUpdatesIT extends OrchestratorTestBase {

    private static final int SAGAS = 20;
    private static final int STEPS = 6;

    @Test
    void theStepUpdatesOfASagaAreHeapOnly() {
        Map<String, Object> before = updates();

        for (int i = 0; i < SAGAS; i++) {
            sagaAt("COMPLETED");
        }

        long expected = (long) SAGAS * STEPS;
        // The statistics reach the view a moment after the commits (a backend reports them when it is idle).
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> delta(before, updates(), "n_tup_upd") >= expected);
        Map<String, Object> after = updates();
        long updated = delta(before, after, "n_tup_upd");
        long hot = delta(before, after, "n_tup_hot_upd");
        System.out.printf("saga row updates for %d sagas of %d steps: %d, of them HOT: %d (%.0f %%)%n", SAGAS, STEPS,
                updated, hot, 100.0 * hot / updated);
        // Every step but the last (the saga's end changes its status) can be HOT.
        assertThat(hot).as("HOT updates of %d", updated).isGreaterThanOrEqualTo(updated * (STEPS - 2) / STEPS);
    }

    private Map<String, Object> updates() {
        return jdbc.queryForMap("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'saga'"
                + " AND schemaname = current_schema()");
    }

    private static long delta(Map<String, Object> before, Map<String, Object> after, String column) {
        return ((Number) after.get(column)).longValue() - ((Number) before.get(column)).longValue();
    }
}
