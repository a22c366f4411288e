package dev.saga.orchestrator.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The story of each saga: every command sent, reply received or ignored, and how it ended. Lines recorded in a
 * transaction are written together just before it commits, in one statement: a step usually records two (the
 * reply applied and the next command sent), and each statement saved is a round trip and a plan saved.
 */
@Repository
public class SagaTimeline implements TimelineLog {

    private final JdbcTemplate jdbc;

    public SagaTimeline(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(UUID sagaId, Kind kind, String step, Integer attempt, UUID messageId, String messageType,
                       String detail) {
        Object[] line = {sagaId, kind.name(), step, attempt, messageId, messageType, detail};
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            pendingInThisTransaction().add(line);
        } else {
            insert(List.<Object[]>of(line));
        }
    }

    /** The lines this transaction recorded so far; the first call registers their write before commit. */
    private List<Object[]> pendingInThisTransaction() {
        @SuppressWarnings("unchecked")
        List<Object[]> pending = (List<Object[]>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<Object[]> lines = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, lines);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    insert(lines);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(SagaTimeline.this);
                }
            });
            pending = lines;
        }
        return pending;
    }

    private void insert(List<Object[]> lines) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(
                "INSERT INTO saga_timeline (saga_id, kind, step, attempt, message_id, message_type, detail) VALUES ");
        sql.append(String.join(", ", Collections.nCopies(lines.size(), "(?, ?, ?, ?, ?, ?, ?)")));
        jdbc.update(sql.toString(), lines.stream().flatMap(Arrays::stream).toArray());
    }

    /**
     * Records a line for a saga this orchestrator may not know (the id came from a message's headers); false,
     * and nothing recorded, if it has no such saga.
     */
    public boolean recordIfKnown(UUID sagaId, Kind kind, String step, UUID messageId, String messageType,
                                 String detail) {
        return jdbc.update("""
                INSERT INTO saga_timeline (saga_id, kind, step, message_id, message_type, detail)
                SELECT id, ?, ?, ?, ?, ? FROM saga WHERE id = ?""",
                kind.name(), step, messageId, messageType, detail, sagaId) == 1;
    }

    @Override
    public List<Entry> of(UUID sagaId) {
        return jdbc.query("""
                SELECT id, at, kind, step, attempt, message_id, message_type, detail FROM saga_timeline
                WHERE saga_id = ? ORDER BY id""",
                (rs, i) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), Kind.valueOf(rs.getString(3)),
                        rs.getString(4), (Integer) rs.getObject(5), rs.getObject(6, UUID.class), rs.getString(7),
                        rs.getString(8)), sagaId);
    }
}
