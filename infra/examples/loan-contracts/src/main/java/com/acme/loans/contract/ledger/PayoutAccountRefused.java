package com.acme.loans.contract.ledger;

import java.util.UUID;

/** Failure reply: the borrower has no open payout account. */
public record PayoutAccountRefused(UUID loanId, String reason) implements VerifyPayoutAccount.Reply {
}
