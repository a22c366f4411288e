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
import dev.saga.participant.kit.LockKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One authorization hold per order, from authorized to captured or voided (and a capture to refunded when the
 * order is cancelled), kept in step with the account's held amount and balance. Each handler runs inside the
 * transaction that also records the command in the inbox and its reply in the outbox, after the kit took the
 * locks the handler declared: the order and its account. So the commands of one order run one after the other
 * whatever the order of their delivery, and holds on one account never deadlock.
 */
class PaymentHolds {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentHolds.class);

    /** The order's hold from one status to another, as a CTE {@code closed (account_id, amount_cents)}. */
    private static final String CLOSE_HOLD = """
            WITH closed AS (UPDATE authorization_hold SET status = ?, updated_at = now()
                            WHERE order_id = ? AND status = ? RETURNING account_id, amount_cents)""";

    private final JdbcTemplate jdbc;

    PaymentHolds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An authorization locks its order and the account the command names. */
    Collection<LockKey> locksForAuthorize(AuthorizePayment command) {
        return List.of(orderKey(command.orderId()), accountKey(command.accountId()));
    }

    /** Void, capture and refund lock the order and the account of its hold, if it has one. */
    Collection<LockKey> locksForOrder(UUID orderId) {
        List<LockKey> keys = new ArrayList<>(List.of(orderKey(orderId)));
        jdbc.queryForList("SELECT account_id FROM authorization_hold WHERE order_id = ?", String.class, orderId)
                .forEach(account -> keys.add(accountKey(account)));
        return keys;
    }

    /** Holds the amount if the account can spend it: {@link PaymentAuthorized} or {@link PaymentDeclined}. */
    AuthorizePayment.Reply authorize(AuthorizePayment command) {
        UUID orderId = command.orderId();
        Optional<AccountAndOrder> found = jdbc.query("""
                SELECT a.id, a.balance_cents, a.credit_limit_cents, a.held_cents,
                       (SELECT h.id FROM authorization_hold h WHERE h.order_id = ?) AS hold_id,
                       EXISTS (SELECT 1 FROM cancelled_order c WHERE c.order_id = ?) AS cancelled
                FROM account a WHERE a.id = ? FOR UPDATE OF a""",
                (rs, i) -> new AccountAndOrder(new Funds(rs.getString("id"), rs.getLong("balance_cents"),
                        rs.getLong("credit_limit_cents"), rs.getLong("held_cents")),
                        rs.getObject("hold_id", UUID.class), rs.getBoolean("cancelled")),
                orderId, orderId, command.accountId()).stream().findFirst();
        if (found.isEmpty()) {
            return new PaymentDeclined(orderId, "unknown account " + command.accountId());
        }
        if (!AuthorizePayment.EURO.equals(command.currency())) {
            return new PaymentDeclined(orderId, "accounts are kept in " + AuthorizePayment.EURO + "; cannot hold "
                    + command.currency());
        }
        // Read under the order's lock: a resend racing the first delivery sees its hold here.
        if (found.get().holdId() != null) {
            LOG.info("Order {} already has authorization {}; not holding twice", orderId, found.get().holdId());
            return new PaymentAuthorized(orderId, found.get().holdId());
        }
        if (found.get().cancelled()) {
            LOG.info("Order {} was cancelled before its authorization arrived; declining it", orderId);
            return new PaymentDeclined(orderId, "order " + orderId
                    + " was cancelled before its payment was authorized");
        }
        Optional<String> declined = found.get().funds().declineReason(command.amountCents());
        if (declined.isPresent()) {
            LOG.info("Order {} declined: {}", orderId, declined.get());
            return new PaymentDeclined(orderId, declined.get());
        }
        UUID authorizationId = UUID.randomUUID();
        jdbc.update("""
                WITH held AS (UPDATE account SET held_cents = held_cents + ? WHERE id = ?)
                INSERT INTO authorization_hold (id, order_id, account_id, amount_cents, status)
                VALUES (?, ?, ?, ?, 'AUTHORIZED')""", command.amountCents(), command.accountId(),
                authorizationId, orderId, command.accountId(), command.amountCents());
        return new PaymentAuthorized(orderId, authorizationId);
    }

    /**
     * Releases the held amount and remembers the order as cancelled, so an authorization arriving later is
     * declined; answers {@link PaymentVoided} also when nothing is held (compensation).
     */
    PaymentVoided voidHold(VoidPayment command) {
        UUID orderId = command.orderId();
        int voided = jdbc.queryForList(CLOSE_HOLD + """
                , tombstone AS (INSERT INTO cancelled_order (order_id) VALUES (?) ON CONFLICT DO NOTHING)
                UPDATE account a SET held_cents = a.held_cents - c.amount_cents FROM closed c
                WHERE a.id = c.account_id RETURNING a.id""", String.class, "VOIDED", orderId, "AUTHORIZED",
                orderId).size();
        LOG.info("Order {}: voided {} authorization(s)", orderId, voided);
        return new PaymentVoided(orderId);
    }

    /**
     * Takes the held amount and books it: {@link PaymentCaptured}, again when already captured. Capturing
     * an order without a live authorization is a command out of order, not a business outcome: failing lets
     * it be retried and finally parked for an operator.
     */
    PaymentCaptured capture(CapturePayment command) {
        UUID orderId = command.orderId();
        List<Long> captured = jdbc.queryForList(CLOSE_HOLD + """
                , booked AS (UPDATE account a SET held_cents = a.held_cents - c.amount_cents,
                                                balance_cents = a.balance_cents - c.amount_cents
                             FROM closed c WHERE a.id = c.account_id)
                INSERT INTO ledger_entry (account_id, order_id, amount_cents, kind)
                SELECT account_id, ?, -amount_cents, 'CAPTURE' FROM closed RETURNING amount_cents""", Long.class,
                "CAPTURED", orderId, "AUTHORIZED", orderId);
        if (captured.isEmpty()) {
            String status = statusOf(orderId).map(Hold::status).orElse("none");
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
    PaymentRefunded refund(RefundPayment command) {
        UUID orderId = command.orderId();
        List<Long> refunded = jdbc.queryForList(CLOSE_HOLD + """
                , booked AS (UPDATE account a SET balance_cents = a.balance_cents + c.amount_cents
                             FROM closed c WHERE a.id = c.account_id)
                INSERT INTO ledger_entry (account_id, order_id, amount_cents, kind)
                SELECT account_id, ?, amount_cents, 'REFUND' FROM closed RETURNING amount_cents""", Long.class,
                "REFUNDED", orderId, "CAPTURED", orderId);
        if (!refunded.isEmpty()) {
            LOG.info("Order {}: refunded {} cents", orderId, refunded.get(0));
            return new PaymentRefunded(orderId, refunded.get(0));
        }
        Optional<Hold> hold = statusOf(orderId);
        if (hold.isEmpty() || !"REFUNDED".equals(hold.get().status())) {
            throw new IllegalStateException("Order " + orderId + " has no captured payment to refund (status: "
                    + hold.map(Hold::status).orElse("none") + ")");
        }
        return new PaymentRefunded(orderId, hold.get().amountCents());
    }

    private Optional<Hold> statusOf(UUID orderId) {
        return jdbc.query("SELECT status, amount_cents FROM authorization_hold WHERE order_id = ?",
                (rs, i) -> new Hold(rs.getString("status"), rs.getLong("amount_cents")), orderId)
                .stream().findFirst();
    }

    static LockKey orderKey(UUID orderId) {
        return LockKey.of("order", orderId);
    }

    static LockKey accountKey(String accountId) {
        return LockKey.of("account", accountId);
    }

    /** The account an authorization would hold on, and what the order already did. */
    private record AccountAndOrder(Funds funds, UUID holdId, boolean cancelled) {
    }

    /** An order's hold: its status and amount. */
    private record Hold(String status, long amountCents) {
    }
}
