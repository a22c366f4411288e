package dev.saga.orchestrator.retention;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes finished sagas past their age, one batch per transaction. A batch claims its saga rows with
 * {@code FOR UPDATE SKIP LOCKED}, so it never waits for (or blocks) an engine transaction on a saga, and several
 * orchestrator instances can run the job at once without removing a saga twice. The timeline rows and any
 * admin start request go with their saga; in {@link RetentionSettings.Mode#ARCHIVE} mode they are copied to the
 * archive tables in the same transaction first.
 */
public class FinishedSagaPurge {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RetentionSettings settings;

    public FinishedSagaPurge(JdbcTemplate jdbc, TransactionTemplate transaction, RetentionSettings settings) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settings = settings;
    }

    /** Removes every saga due now, batch after batch; returns how many were removed. */
    public long purgeDue() {
        long removed = 0;
        int batch;
        do {
            batch = purgeOneBatch();
            removed += batch;
            if (batch == settings.batchSize()) {
                pause();
            }
        } while (batch == settings.batchSize() && !Thread.currentThread().isInterrupted());
        return removed;
    }

    /**
     * One transaction: claims up to a batch of due sagas and removes them; returns how many. No ORDER BY: sorting
     * every candidate for each batch would make a large backlog quadratic, and the order does not matter. A saga
     * changes after it was created, so the bound on created_at selects no other sagas; it lets the status index
     * (status, created_at) narrow the search, since updated_at is in no index (a step's update stays HOT).
     */
    int purgeOneBatch() {
        Integer removed = transaction.execute(status -> {
            List<UUID> ids = jdbc.queryForList("""
                    SELECT id FROM saga
                    WHERE status IN ('COMPLETED', 'COMPENSATED') AND updated_at < now() - ? * interval '1 second'
                      AND created_at < now() - ? * interval '1 second'
                    LIMIT ? FOR UPDATE SKIP LOCKED""", UUID.class,
                    settings.maxAge().toSeconds(), settings.maxAge().toSeconds(), settings.batchSize());
            if (ids.isEmpty()) {
                return 0;
            }
            UUID[] batch = ids.toArray(UUID[]::new);
            if (settings.mode() == RetentionSettings.Mode.ARCHIVE) {
                archive(batch);
            }
            jdbc.update("DELETE FROM saga_timeline WHERE saga_id = ANY(?)", ps -> ps.setArray(1,
                    ps.getConnection().createArrayOf("uuid", batch)));
            jdbc.update("DELETE FROM saga_start_request WHERE saga_id = ANY(?)", ps -> ps.setArray(1,
                    ps.getConnection().createArrayOf("uuid", batch)));
            return jdbc.update("DELETE FROM saga WHERE id = ANY(?)", ps -> ps.setArray(1,
                    ps.getConnection().createArrayOf("uuid", batch)));
        });
        return removed == null ? 0 : removed;
    }

    private void archive(UUID[] batch) {
        jdbc.update("""
                INSERT INTO saga_archive (id, type, definition_version, business_key, status, machine_state, attempt,
                  data, failure_reason, created_at, updated_at)
                SELECT id, type, definition_version, business_key, status, machine_state, attempt, data,
                  failure_reason, created_at, updated_at FROM saga WHERE id = ANY(?)
                ON CONFLICT (id) DO NOTHING""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", batch)));
        jdbc.update("""
                INSERT INTO saga_timeline_archive (id, saga_id, at, kind, step, attempt, message_id, message_type,
                  detail)
                SELECT id, saga_id, at, kind, step, attempt, message_id, message_type, detail FROM saga_timeline
                WHERE saga_id = ANY(?) ON CONFLICT (id) DO NOTHING""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", batch)));
    }

    private void pause() {
        try {
            Thread.sleep(settings.pause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
