package dev.saga.participant.order.placement;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The idempotency keys of placed orders: a key names one {@code POST /orders}, so a client that retries it gets
 * the order it placed before instead of a second one.
 */
@Repository
class OrderRequests {

    /** A placement request seen before: the order it placed and a fingerprint of what was asked. */
    record OrderRequest(UUID orderId, String fingerprint) {
    }

    private final JdbcTemplate jdbc;

    OrderRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the key in the caller's transaction; false if it was recorded before. A concurrent request with
     * the same key waits here until the first one commits or rolls back.
     */
    boolean claim(String key, String fingerprint, UUID orderId) {
        return jdbc.update("""
                INSERT INTO order_request (idempotency_key, fingerprint, order_id) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", key, fingerprint, orderId) == 1;
    }

    Optional<OrderRequest> find(String key) {
        return jdbc.query("SELECT order_id, fingerprint FROM order_request WHERE idempotency_key = ?",
                (rs, i) -> new OrderRequest(rs.getObject(1, UUID.class), rs.getString(2)), key).stream().findFirst();
    }
}
