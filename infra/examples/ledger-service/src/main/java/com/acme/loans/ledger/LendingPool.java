package com.acme.loans.ledger;

import com.acme.loans.contract.ledger.DisburseLoan;
import com.acme.loans.contract.ledger.FundsReleased;
import com.acme.loans.contract.ledger.FundsReserved;
import com.acme.loans.contract.ledger.FundsUnavailable;
import com.acme.loans.contract.ledger.LoanDisbursed;
import com.acme.loans.contract.ledger.ReleaseFunds;
import com.acme.loans.contract.ledger.ReserveFunds;
import dev.saga.participant.kit.LockKey;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Moves money of the lending pool between available, reserved and disbursed, one loan at a time: the kit takes the
 * loan's and the pool's locks before each handler, in the transaction that also records the command in the inbox
 * and its reply in the outbox. So available + reserved + disbursed never changes, and a loan's commands never race.
 */
class LendingPool {

    private static final Logger LOG = LoggerFactory.getLogger(LendingPool.class);
    private static final String POOL = "main";

    private final JdbcTemplate jdbc;

    LendingPool(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<LockKey> locksFor(UUID loanId) {
        return List.of(LockKey.of("loan", loanId), LockKey.of("pool", POOL));
    }

    /** {@code FundsReserved}, or {@code FundsUnavailable} when the pool holds too little. */
    ReserveFunds.Reply reserve(ReserveFunds command) {
        Optional<Reservation> existing = reservationOf(command.loanId());
        if (existing.isPresent()) {
            Reservation held = existing.get();
            // a release overtook this reservation (it came after the saga gave the step up): refuse, hold nothing
            return "RELEASED".equals(held.status())
                    ? new FundsUnavailable(command.loanId(), "loan " + command.loanId() + " was released before its"
                            + " funds were reserved")
                    : new FundsReserved(command.loanId(), held.reservationId(), held.amountCents());
        }
        long available = jdbc.queryForObject("SELECT available_cents FROM pool WHERE id = ? FOR UPDATE", Long.class,
                POOL);
        if (available < command.amountCents()) {
            LOG.info("Loan {}: the pool holds {}, too little for {}", command.loanId(), Cents.format(available),
                    Cents.format(command.amountCents()));
            return new FundsUnavailable(command.loanId(), "the lending pool holds " + Cents.format(available)
                    + ", the loan needs " + Cents.format(command.amountCents()));
        }
        UUID reservationId = UUID.randomUUID();
        jdbc.update("UPDATE pool SET available_cents = available_cents - ?, reserved_cents = reserved_cents + ?"
                + " WHERE id = ?", command.amountCents(), command.amountCents(), POOL);
        jdbc.update("INSERT INTO reservation (loan_id, reservation_id, amount_cents, status) VALUES (?, ?, ?, 'RESERVED')",
                command.loanId(), reservationId, command.amountCents());
        return new FundsReserved(command.loanId(), reservationId, command.amountCents());
    }

    /**
     * Gives a reservation back to the pool. Without a reservation id (the saga never got the reply) it releases
     * whatever the loan holds; when the loan holds nothing yet it leaves a tombstone, so a reservation arriving
     * later is refused instead of holding money that nothing would give back.
     */
    FundsReleased release(ReleaseFunds command) {
        Optional<Reservation> existing = reservationOf(command.loanId());
        if (existing.isEmpty()) {
            jdbc.update("INSERT INTO reservation (loan_id, status) VALUES (?, 'RELEASED')", command.loanId());
            LOG.info("Loan {}: nothing reserved yet; a reservation arriving later is refused", command.loanId());
            return new FundsReleased(command.loanId(), 0);
        }
        Reservation held = existing.get();
        if (command.reservationId() != null && !command.reservationId().equals(held.reservationId())) {
            throw new IllegalStateException("Loan " + command.loanId() + " holds reservation " + held.reservationId()
                    + ", not " + command.reservationId());
        }
        switch (held.status()) {
            case "RELEASED" -> {
                return new FundsReleased(command.loanId(), 0);
            }
            case "DISBURSED" -> throw new IllegalStateException("Loan " + command.loanId()
                    + " was disbursed; its funds cannot be released");
            default -> {
                jdbc.update("UPDATE pool SET available_cents = available_cents + ?, reserved_cents = reserved_cents - ?"
                        + " WHERE id = ?", held.amountCents(), held.amountCents(), POOL);
                jdbc.update("UPDATE reservation SET status = 'RELEASED', updated_at = now() WHERE loan_id = ?",
                        command.loanId());
                LOG.info("Loan {}: released {}", command.loanId(), Cents.format(held.amountCents()));
                return new FundsReleased(command.loanId(), held.amountCents());
            }
        }
    }

    /**
     * Pays the reservation out. A reservation that is not held (released, or never made) is a command out of
     * order: failing lets it be retried and finally parked for an operator, instead of paying out money not set aside.
     */
    LoanDisbursed disburse(DisburseLoan command) {
        Reservation held = reservationOf(command.loanId())
                .filter(r -> r.reservationId() != null && r.reservationId().equals(command.reservationId()))
                .orElseThrow(() -> new IllegalStateException("Loan " + command.loanId() + " holds no reservation "
                        + command.reservationId()));
        if ("DISBURSED".equals(held.status())) {
            UUID paid = jdbc.queryForObject("SELECT disbursement_id FROM disbursement WHERE loan_id = ?", UUID.class,
                    command.loanId());
            return new LoanDisbursed(command.loanId(), paid, held.amountCents());
        }
        if (!"RESERVED".equals(held.status())) {
            throw new IllegalStateException("Loan " + command.loanId() + " was " + held.status() + "; not paying out");
        }
        UUID disbursementId = UUID.randomUUID();
        jdbc.update("UPDATE pool SET reserved_cents = reserved_cents - ?, disbursed_cents = disbursed_cents + ?"
                + " WHERE id = ?", held.amountCents(), held.amountCents(), POOL);
        jdbc.update("UPDATE reservation SET status = 'DISBURSED', updated_at = now() WHERE loan_id = ?",
                command.loanId());
        jdbc.update("INSERT INTO disbursement (disbursement_id, loan_id, account_id, amount_cents) VALUES (?, ?, ?, ?)",
                disbursementId, command.loanId(), command.accountId(), held.amountCents());
        LOG.info("Loan {}: paid {} into {}", command.loanId(), Cents.format(held.amountCents()), command.accountId());
        return new LoanDisbursed(command.loanId(), disbursementId, held.amountCents());
    }

    private Optional<Reservation> reservationOf(UUID loanId) {
        return jdbc.query("SELECT reservation_id, amount_cents, status FROM reservation WHERE loan_id = ? FOR UPDATE",
                (rs, i) -> new Reservation(rs.getObject("reservation_id", UUID.class), rs.getLong("amount_cents"),
                        rs.getString("status")), loanId).stream().findFirst();
    }

    /** A loan's row: its reservation (null in a tombstone), the amount, and where the money went. */
    private record Reservation(UUID reservationId, long amountCents, String status) {
    }
}
