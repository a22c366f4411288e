package com.acme.loans.contract.loans;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Event: a borrower asked for a loan; it starts the loan-disbursement saga, one per loan id. */
public record LoanRequested(UUID loanId, @Size(min = 1, max = 100) String borrowerId, @Positive long amountCents) {
}
