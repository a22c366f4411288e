package dev.saga.orchestrator.engine;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The sagas' timers, one row each in {@code saga_timer}, keyed by saga, kind and key; the scanner fires those due.
 * A waiting saga has one step timer (key ''): its current step's reply deadline ({@value #STEP_DEADLINE}), or,
 * while a delayed step waits out its delay at attempt 0, that delay ({@value #STEP_DELAY}). A saga whose
 * definition limits its duration also has its own deadline ({@value #SAGA_DEADLINE}) until it ends, compensates
 * or the deadline fired. The timers are written with their saga rows, in the same statements
 * ({@link SagaRepository}): a saga still waiting gets its new due times, one that ended or gave up loses them.
 */
@Repository
class SagaTimers {

    /** The current step's deadline: the reply to its command is overdue. */
    static final String STEP_DEADLINE = "STEP_DEADLINE";
    /** The current step is delayed: its command is sent when this is due. */
    static final String STEP_DELAY = "STEP_DELAY";
    /** The whole saga should have finished by now. */
    static final String SAGA_DEADLINE = "SAGA_DEADLINE";

    /** The step timer joined to a saga row of the enclosing query, as {@code deadline.due_at}. */
    static final String STEP_TIMER_OF_SAGA = " saga_timer deadline ON deadline.saga_id = saga.id"
            + " AND deadline.timer_kind IN ('" + STEP_DEADLINE + "', '" + STEP_DELAY + "')"
            + " AND deadline.timer_key = ''";
    /** The saga deadline joined to a saga row of the enclosing query, as {@code finish.due_at}. */
    static final String SAGA_DEADLINE_OF_SAGA = " saga_timer finish ON finish.saga_id = saga.id"
            + " AND finish.timer_kind = '" + SAGA_DEADLINE + "' AND finish.timer_key = ''";

    private final JdbcTemplate jdbc;

    SagaTimers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Sagas whose step timer (a reply deadline or a delay) is due, the earliest first. */
    List<UUID> overdueSteps(int limit) {
        return jdbc.queryForList("""
                SELECT saga_id FROM saga_timer WHERE timer_kind IN (?, ?) AND due_at <= now() ORDER BY due_at
                LIMIT ?""", UUID.class, STEP_DEADLINE, STEP_DELAY, limit);
    }

    /** Sagas whose own deadline passed, the earliest first. */
    List<UUID> overdueSagas(int limit) {
        return jdbc.queryForList("""
                SELECT saga_id FROM saga_timer WHERE timer_kind = ? AND due_at <= now() ORDER BY due_at LIMIT ?""",
                UUID.class, SAGA_DEADLINE, limit);
    }
}
