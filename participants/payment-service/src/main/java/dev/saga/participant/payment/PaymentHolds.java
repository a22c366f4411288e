package dev.saga.participant.payment;

import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.contract.payment.CapturePayment;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.contract.payment.PaymentCaptured;
import dev.saga.contract.payment.PaymentDeclined;
import dev.saga.contract.payment.PaymentRefunded;
import dev.saga.contract.payment.PaymentVoided;
import dev.saga.contract.payment.RefundPayment;
import dev.saga.contract.payment.VoidPayment;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One authorization hold per order, from authorized to captured or voided (and a capture to refunded when the
 * order is cancelled), kept in step with the account's
 * held amount and balance. Each handler runs inside the transaction that also records the command in the
 * inbox and its reply in the outbox.
 */
class PaymentHolds {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentHolds.class);

    private final JdbcTemplate jdbc;

    PaymentHolds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds the amount if the account can spend it: {@link PaymentAuthorized} or {@link PaymentDeclined}. */
    Record authorize(AuthorizePayment command) {
        UUID orderId = command.orderId();
        lockOrder(orderId);
        Optional<Funds> funds = lockAccount(command.accountId());
        if (funds.isEmpty()) {
            return new PaymentDeclined(orderId, "unknown account " + command.accountId());
        }
        if (!AuthorizePayment.EURO.equals(command.currency())) {
            return new PaymentDeclined(orderId, "accounts are kept in " + AuthorizePayment.EURO + "; cannot hold "
                    + command.currency());
        }
        // Checked under the account lock: a resend racing the first delivery sees its hold here.
        Optional<UUID> existing = holdIdOf(orderId);
        if (existing.isPresent()) {
            LOG.info("Order {} already has authorization {}; not holding twice", orderId, existing.get());
            return new PaymentAuthorized(orderId, existing.get());
        }
        if (wasCancelled(orderId)) {
            LOG.info("Order {} was cancelled before its authorization arrived; declining it", orderId);
            return new PaymentDeclined(orderId, "order " + orderId
                    + " was cancelled before its payment was authorized");
        }
        Optional<String> declined = funds.get().declineReason(command.amountCents());
        if (declined.isPresent()) {
            LOG.info("Order {} declined: {}", orderId, declined.get());
            return new PaymentDeclined(orderId, declined.get());
        }
        UUID authorizationId = UUID.randomUUID();
        jdbc.update("UPDATE account SET held_cents = held_cents + ? WHERE id = ?", command.amountCents(),
                command.accountId());
        jdbc.update("""
                INSERT INTO authorization_hold (id, order_id, account_id, amount_cents, status)
                VALUES (?, ?, ?, ?, 'AUTHORIZED')""", authorizationId, orderId, command.accountId(),
                command.amountCents());
        return new PaymentAuthorized(orderId, authorizationId);
    }

    /** Releases the held amount; answers {@link PaymentVoided} also when nothing is held (compensation). */
    Record voidHold(VoidPayment command) {
        UUID orderId = command.orderId();
        lockOrder(orderId);
        List<Hold> voided = closeHold(orderId, "VOIDED");
        jdbc.update("INSERT INTO cancelled_order (order_id) VALUES (?) ON CONFLICT DO NOTHING", orderId);
        for (Hold hold : voided) {
            jdbc.update("UPDATE account SET held_cents = held_cents - ? WHERE id = ?", hold.amountCents(),
                    hold.accountId());
        }
        LOG.info("Order {}: voided {} authorization(s)", orderId, voided.size());
        return new PaymentVoided(orderId);
    }

    /**
     * Takes the held amount and books it: {@link PaymentCaptured}, again when already captured. Capturing
     * an order without a live authorization is a command out of order, not a business outcome: failing lets
     * it be retried and finally parked for an operator.
     */
    Record capture(CapturePayment command) {
        UUID orderId = command.orderId();
        List<Hold> captured = closeHold(orderId, "CAPTURED");
        for (Hold hold : captured) {
            jdbc.update("""
                    UPDATE account SET held_cents = held_cents - ?, balance_cents = balance_cents - ?
                    WHERE id = ?""", hold.amountCents(), hold.amountCents(), hold.accountId());
            jdbc.update("""
                    INSERT INTO ledger_entry (account_id, order_id, amount_cents, kind)
                    VALUES (?, ?, ?, 'CAPTURE')""", hold.accountId(), orderId, -hold.amountCents());
        }
        if (captured.isEmpty()) {
            String status = statusOf(orderId).orElse("none");
            if (!"CAPTURED".equals(status)) {
                throw new IllegalStateException("Order " + orderId + " has no authorization to capture (status: "
                        + status + ")");
            }
        }
        return new PaymentCaptured(orderId);
    }

    /**
     * Pays back what was captured for a cancelled order and books it: {@link PaymentRefunded}, again (with the
     * same amount) when already refunded. An order with nothing captured is a command out of order; failing lets
     * it be retried and finally parked for an operator.
     */
    Record refund(RefundPayment command) {
        UUID orderId = command.orderId();
        lockOrder(orderId);
        List<Hold> refunded = jdbc.query("""
                UPDATE authorization_hold SET status = 'REFUNDED', updated_at = now()
                WHERE order_id = ? AND status = 'CAPTURED' RETURNING account_id, amount_cents""",
                (rs, i) -> new Hold(rs.getString("account_id"), rs.getLong("amount_cents")), orderId);
        for (Hold hold : refunded) {
            jdbc.update("UPDATE account SET balance_cents = balance_cents + ? WHERE id = ?", hold.amountCents(),
                    hold.accountId());
            jdbc.update("""
                    INSERT INTO ledger_entry (account_id, order_id, amount_cents, kind)
                    VALUES (?, ?, ?, 'REFUND')""", hold.accountId(), orderId, hold.amountCents());
            LOG.info("Order {}: refunded {} cents", orderId, hold.amountCents());
        }
        if (refunded.isEmpty() && !"REFUNDED".equals(statusOf(orderId).orElse("none"))) {
            throw new IllegalStateException("Order " + orderId + " has no captured payment to refund (status: "
                    + statusOf(orderId).orElse("none") + ")");
        }
        long amount = jdbc.queryForObject("SELECT amount_cents FROM authorization_hold WHERE order_id = ?",
                Long.class, orderId);
        return new PaymentRefunded(orderId, amount);
    }

    /**
     * Moves the order's hold from AUTHORIZED to the given status, returning it if it was open. The hold row is
     * locked before its account row; authorize locks only the account and inserts a new hold, so the two
     * orders of locking never meet in a cycle.
     */
    private List<Hold> closeHold(UUID orderId, String status) {
        return jdbc.query("""
                UPDATE authorization_hold SET status = ?, updated_at = now()
                WHERE order_id = ? AND status = 'AUTHORIZED' RETURNING account_id, amount_cents""",
                (rs, i) -> new Hold(rs.getString("account_id"), rs.getLong("amount_cents")), status, orderId);
    }

    /** Authorize and void of one order run one after the other, whatever the order of their delivery. */
    private void lockOrder(UUID orderId) {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null,
                orderId.getMostSignificantBits() ^ orderId.getLeastSignificantBits());
    }

    private boolean wasCancelled(UUID orderId) {
        return !jdbc.queryForList("SELECT 1 FROM cancelled_order WHERE order_id = ?", Integer.class, orderId)
                .isEmpty();
    }

    private Optional<Funds> lockAccount(String accountId) {
        return jdbc.query("""
                SELECT id, balance_cents, credit_limit_cents, held_cents FROM account WHERE id = ? FOR UPDATE""",
                (rs, i) -> new Funds(rs.getString("id"), rs.getLong("balance_cents"),
                        rs.getLong("credit_limit_cents"), rs.getLong("held_cents")), accountId)
                .stream().findFirst();
    }

    private Optional<UUID> holdIdOf(UUID orderId) {
        return jdbc.queryForList("SELECT id FROM authorization_hold WHERE order_id = ?", UUID.class, orderId)
                .stream().findFirst();
    }

    private Optional<String> statusOf(UUID orderId) {
        return jdbc.queryForList("SELECT status FROM authorization_hold WHERE order_id = ?", String.class, orderId)
                .stream().findFirst();
    }

    /** An amount that was held on an account for an order. */
    private record Hold(String accountId, long amountCents) {
    }
}
