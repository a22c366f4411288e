package com.acme.loans.contract.ledger;

import java.util.UUID;

/** Reply: the money left the pool for the account. */
public record LoanDisbursed(UUID loanId, UUID disbursementId, long amountCents) {
}
