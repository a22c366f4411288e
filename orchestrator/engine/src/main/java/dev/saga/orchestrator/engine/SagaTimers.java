package dev.saga.orchestrator.engine;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The sagas' timers, one row each in {@code saga_timer}, keyed by saga, kind and key; the scanner fires those due.
 * Today each waiting saga has one, its current step's deadline ({@value #STEP_DEADLINE}, key ''). The step
 * deadlines are written with their saga rows, in the same statements ({@link SagaRepository}): a saga still
 * waiting gets its new due time, one that ended or gave up loses its timers.
 */
@Repository
class SagaTimers {

    /** The current step's deadline: the reply to its command is overdue. */
    static final String STEP_DEADLINE = "STEP_DEADLINE";

    /** The step deadline joined to a saga row of the enclosing query, as {@code deadline.due_at}. */
    static final String STEP_DEADLINE_OF_SAGA = " saga_timer deadline ON deadline.saga_id = saga.id"
            + " AND deadline.timer_kind = '" + STEP_DEADLINE + "' AND deadline.timer_key = ''";

    private final JdbcTemplate jdbc;

    SagaTimers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Sagas whose step deadline passed, the earliest first. */
    List<UUID> overdueSteps(int limit) {
        return jdbc.queryForList("""
                SELECT saga_id FROM saga_timer WHERE timer_kind = ? AND due_at <= now() ORDER BY due_at LIMIT ?""",
                UUID.class, STEP_DEADLINE, limit);
    }
}
