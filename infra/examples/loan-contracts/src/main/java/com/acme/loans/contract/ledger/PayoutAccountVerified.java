package com.acme.loans.contract.ledger;

import java.util.UUID;

/** Reply: the loan is paid into {@code accountId}. */
public record PayoutAccountVerified(UUID loanId, String accountId) implements VerifyPayoutAccount.Reply {
}
