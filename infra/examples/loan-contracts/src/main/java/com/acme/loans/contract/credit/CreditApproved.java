package com.acme.loans.contract.credit;

import java.util.UUID;

/** Reply: the borrower may borrow up to {@code limitCents}, which may be less than asked for. */
public record CreditApproved(UUID loanId, long limitCents) implements CheckCredit.Reply {
}
