package dev.saga.orchestrator.engine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The story of each saga, as the engine tells it: every command sent, reply received or ignored, deadline fired,
 * and how the saga ended. Lines are recorded in the transaction of the move they describe. Production writes them
 * to PostgreSQL ({@link SagaTimeline}); the saga test kit keeps them in memory.
 */
public interface TimelineLog {

    /** What kind of thing happened. */
    enum Kind {
        SAGA_STARTED, START_IGNORED, STEP_SKIPPED, STEP_DELAYED, STEP_WAITING, COMMAND_SENT, COMPENSATION_SENT,
        REPLY_APPLIED, REPLY_IGNORED, DECISION_KEPT, SIGNAL_RECEIVED, DEADLINE_FIRED, SAGA_DEADLINE_EXPIRED,
        SAGA_STUCK, SAGA_ENDED, ADMIN_ACTION
    }

    /** One line of the timeline. */
    record Entry(long id, Instant at, Kind kind, String step, Integer attempt, UUID messageId,
                 String messageType, String detail) {
    }

    void record(UUID sagaId, Kind kind, String step, Integer attempt, UUID messageId, String messageType,
                String detail);

    /** The saga's lines, in the order they were recorded. */
    List<Entry> of(UUID sagaId);
}
