package dev.saga.orchestrator.operations;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The idempotency keys of sagas started over the admin API: a key (per saga type) names one start request,
 * so a client that retries a request gets the saga it already started.
 */
@Repository
class StartRequests {

    /** A start request seen before: the saga it started and a fingerprint of what was asked. */
    record StartRequest(UUID sagaId, String fingerprint) {
    }

    private final JdbcTemplate jdbc;

    StartRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the key in the caller's transaction; false if it was recorded before. A concurrent request with
     * the same key waits here until the first one commits or rolls back.
     */
    boolean claim(String sagaType, String key, String fingerprint, UUID sagaId, String requestedBy) {
        return jdbc.update("""
                INSERT INTO saga_start_request (saga_type, idempotency_key, fingerprint, saga_id, requested_by)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                sagaType, key, fingerprint, sagaId, requestedBy) == 1;
    }

    Optional<StartRequest> find(String sagaType, String key) {
        return jdbc.query("""
                SELECT saga_id, fingerprint FROM saga_start_request WHERE saga_type = ? AND idempotency_key = ?""",
                (rs, i) -> new StartRequest(rs.getObject(1, UUID.class), rs.getString(2)), sagaType, key)
                .stream().findFirst();
    }
}
