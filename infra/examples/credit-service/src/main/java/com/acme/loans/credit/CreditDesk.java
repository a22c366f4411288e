package com.acme.loans.credit;

import com.acme.loans.contract.credit.CheckCredit;
import dev.saga.participant.kit.LockKey;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Answers credit checks from the borrower table, and writes down every answer. Each handler runs in the transaction
 * that also records the command in the inbox and its reply in the outbox, after the kit took the borrower's lock:
 * checks of one borrower run one after the other.
 */
class CreditDesk {

    private static final Logger LOG = LoggerFactory.getLogger(CreditDesk.class);

    private final JdbcTemplate jdbc;

    CreditDesk(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<LockKey> locksFor(String borrowerId) {
        return List.of(LockKey.of("borrower", borrowerId));
    }

    /** {@code CreditApproved} with what the borrower may still borrow, or {@code CreditRejected}. */
    CheckCredit.Reply check(CheckCredit command) {
        Optional<Borrower> borrower = jdbc.query(
                "SELECT id, credit_limit_cents, outstanding_cents, status FROM borrower WHERE id = ? FOR UPDATE",
                (rs, i) -> new Borrower(rs.getString("id"), rs.getLong("credit_limit_cents"),
                        rs.getLong("outstanding_cents"), rs.getString("status")),
                command.borrowerId()).stream().findFirst();
        CheckCredit.Reply reply = CreditPolicy.decide(command, borrower);
        LOG.info("Loan {} of {}: {}", command.loanId(), command.borrowerId(), reply);
        jdbc.update("""
                INSERT INTO credit_check (loan_id, borrower_id, asked_cents, decision) VALUES (?, ?, ?, ?)
                ON CONFLICT (loan_id) DO NOTHING""",
                command.loanId(), command.borrowerId(), command.amountCents(), reply.toString());
        return reply;
    }
}
