package dev.saga.participant.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.contract.order.OrderLine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code orders} table. Callers own the transaction. */
@Repository
public class Orders {

    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    Orders(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insertPending(Order order) {
        jdbc.update("""
                INSERT INTO orders (id, customer_id, status, lines, amount_cents)
                VALUES (?, ?, ?, ?::jsonb, ?)""",
                order.id(), order.customerId(), OrderStatus.PENDING.name(), linesJson(order.lines()),
                order.amountCents());
    }

    public Optional<Order> find(UUID id) {
        return jdbc.query("""
                SELECT id, customer_id, status, rejection_reason, lines, amount_cents FROM orders WHERE id = ?""",
                this::order, id).stream().findFirst();
    }

    /** The order's status, holding its row lock until the transaction ends so decisions on it serialise. */
    public Optional<OrderStatus> lockStatus(UUID id) {
        return jdbc.query("SELECT status FROM orders WHERE id = ? FOR UPDATE",
                (rs, i) -> OrderStatus.valueOf(rs.getString(1)), id).stream().findFirst();
    }

    /**
     * Moves the order from {@code from} to {@code to} in one statement, setting its rejection reason and
     * cancellation note (each null unless the move gives one); false if the order is not in {@code from}.
     */
    boolean move(UUID id, OrderStatus from, OrderStatus to, String rejectionReason, String cancellationNote) {
        return jdbc.update("""
                UPDATE orders SET status = ?, rejection_reason = ?, cancellation_note = ?, updated_at = now()
                WHERE id = ? AND status = ?""", to.name(), rejectionReason, cancellationNote, id, from.name()) == 1;
    }

    /** Moves the order to {@code status}; a cancellation note, if any, says why it was restored. */
    public void markCancellation(UUID id, OrderStatus status, String note) {
        jdbc.update("UPDATE orders SET status = ?, cancellation_note = ?, updated_at = now() WHERE id = ?",
                status.name(), note, id);
    }

    private Order order(ResultSet rs, int row) throws SQLException {
        return new Order(rs.getObject("id", UUID.class), rs.getString("customer_id"),
                OrderStatus.valueOf(rs.getString("status")), rs.getString("rejection_reason"),
                lines(rs.getString("lines")), rs.getLong("amount_cents"));
    }

    private String linesJson(List<OrderLine> lines) {
        try {
            return json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write order lines as JSON", e);
        }
    }

    private List<OrderLine> lines(String linesJson) {
        try {
            return json.readValue(linesJson, LINES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable order lines: " + linesJson, e);
        }
    }
}
