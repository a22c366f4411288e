package com.acme.loans.contract.ledger;

import dev.saga.contract.Command;
import dev.saga.contract.Nullable;
import java.util.UUID;

/**
 * Compensation: give the loan's reservation back to the pool. {@code reservationId} is the one the ledger confirmed,
 * or null when its reply never came; the ledger then releases whatever it holds for the loan, and refuses a
 * reservation that arrives later.
 */
public record ReleaseFunds(UUID loanId, @Nullable UUID reservationId) implements Command<ReleaseFunds.Reply> {

    /** What answers {@code ReleaseFunds}. */
    public sealed interface Reply permits FundsReleased {
    }
}
