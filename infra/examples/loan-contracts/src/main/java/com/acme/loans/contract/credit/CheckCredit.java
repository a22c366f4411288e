package com.acme.loans.contract.credit;

import dev.saga.contract.Command;
import java.util.UUID;

/** Command: how much may this borrower still borrow? */
public record CheckCredit(UUID loanId, String borrowerId, long amountCents) implements Command<CheckCredit.Reply> {

    /** What answers {@code CheckCredit}. */
    public sealed interface Reply permits CreditApproved, CreditRejected {
    }
}
