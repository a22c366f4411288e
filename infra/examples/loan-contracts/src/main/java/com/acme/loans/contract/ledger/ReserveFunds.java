package com.acme.loans.contract.ledger;

import dev.saga.contract.Command;
import java.util.UUID;

/** Command: set the loan's amount aside in the lending pool, so no other loan can pay it out. */
public record ReserveFunds(UUID loanId, long amountCents) implements Command<ReserveFunds.Reply> {

    /** What answers {@code ReserveFunds}. */
    public sealed interface Reply permits FundsReserved, FundsUnavailable {
    }
}
