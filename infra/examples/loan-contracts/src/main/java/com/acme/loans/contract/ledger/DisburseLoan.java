package com.acme.loans.contract.ledger;

import dev.saga.contract.Command;
import java.util.UUID;

/** Command: pay the reserved amount into the payout account. Once paid, the loan cannot be undone by the saga. */
public record DisburseLoan(UUID loanId, UUID reservationId, String accountId) implements Command<LoanDisbursed> {
}
