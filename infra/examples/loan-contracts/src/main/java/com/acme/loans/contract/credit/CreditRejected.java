package com.acme.loans.contract.credit;

import java.util.UUID;

/** Failure reply: the borrower gets no loan (unknown, blocked, or no credit left). */
public record CreditRejected(UUID loanId, String reason) implements CheckCredit.Reply {
}
