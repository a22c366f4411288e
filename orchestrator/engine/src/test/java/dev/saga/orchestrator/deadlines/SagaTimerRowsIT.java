package dev.saga.orchestrator.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.orchestrator.OrchestratorTestBase;
import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.SagaStore.NewSaga;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A delayed step and a saga's own deadline are rows of the timer table, written with the saga row: a saga at
 * attempt 0 has a step delay, which becomes its reply deadline once the command is sent; its own deadline stays
 * until it no longer applies. What the rows hold is what the store reads back. The due times lie an hour ahead,
 * so the scanner leaves these sagas alone.
 */
class SagaTimerRowsIT extends OrchestratorTestBase {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    /** A branch state as the row keeps it, to check the column is written and read as it is. */
    private static final String BRANCHES = "{\"a\": {\"status\": \"PENDING\", \"attempt\": 1, \"due\": null}}";

    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private ObjectMapper json;

    @Test
    void aDelayedStepsTimerBecomesItsDeadlineAndTheSagaDeadlineStaysUntilItEnds() throws Exception {
        UUID id = UUID.randomUUID();
        Instant delayOver = NOW.plusSeconds(3600);
        Instant finishBy = NOW.plusSeconds(7200);
        sagas.insertAll(List.of(new NewSaga(new SagaInstance(id, ORDER_FULFILMENT, 1, "timers-" + id,
                SagaStatus.RUNNING, "capture-payment", 0, "{}", null, BRANCHES, null, delayOver, finishBy, 0, NOW, NOW),
                null)));

        assertThat(timers(id)).containsExactlyInAnyOrderEntriesOf(Map.of("STEP_DELAY", delayOver,
                "SAGA_DEADLINE", finishBy));
        SagaInstance delayed = sagas.find(id).orElseThrow();
        assertThat(delayed.deadlineAt()).isEqualTo(delayOver);
        assertThat(delayed.finishBy()).isEqualTo(finishBy);
        assertThat(json.readTree(delayed.branches())).as("branches as stored").isEqualTo(json.readTree(BRANCHES));
        assertThat(sagas.lockIfFinishDue(id)).as("a saga deadline not due yet").isEmpty();

        Instant replyDue = NOW.plusSeconds(3630);
        update(delayed.nextAttempt(replyDue));
        assertThat(timers(id)).containsExactlyInAnyOrderEntriesOf(Map.of("STEP_DEADLINE", replyDue,
                "SAGA_DEADLINE", finishBy));

        update(sagas.find(id).orElseThrow().withoutFinishBy());
        assertThat(timers(id)).containsExactlyInAnyOrderEntriesOf(Map.of("STEP_DEADLINE", replyDue));

        update(sagas.find(id).orElseThrow().givenUp(SagaStatus.STUCK, "test"));
        assertThat(timers(id)).isEmpty();
    }

    private void update(SagaInstance saga) {
        transactions.executeWithoutResult(status -> {
            sagas.lockAll(List.of(saga.id()));
            sagas.updateAll(List.of(saga));
        });
    }

    private Map<String, Instant> timers(UUID sagaId) {
        Map<String, Instant> timers = new HashMap<>();
        jdbc.query("SELECT timer_kind, due_at FROM saga_timer WHERE saga_id = ?", rs -> {
            timers.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        }, sagaId);
        return timers;
    }
}
